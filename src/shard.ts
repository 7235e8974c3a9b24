/**
 * Sharding a batch over CI runners: `--shard I/N` builds the briefings whose
 * path hashes to I of N. A briefing's shard depends on its own path only, so
 * adding a file never moves the others, and the N shards are disjoint and
 * together cover every briefing.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UsageError } from './errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `"2/4"` as a shard; a usage error naming the option otherwise. */
export function checkShard(value: unknown, name: string): Shard {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value) : null;
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`${name} takes I/N, a shard I of N counting from 1, got ${JSON.stringify(value)}`, {
      hint: `For example: ${name} 1/4`,
    });
  }
  return { index, count };
}

/** The files of shard `shard`, in their order. */
export function inShard(files: readonly string[], shard: Shard, cwd: string): string[] {
  return files.filter((file) => shardOf(file, shard.count, cwd) === shard.index);
}

/** The shard (1-based) of a briefing file among `count`, from its path relative to `cwd`, with `/` separators. */
export function shardOf(file: string, count: number, cwd: string): number {
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  const digest = createHash('sha256').update(relative).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}
