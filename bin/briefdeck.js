#!/usr/bin/env node
import { main } from '../lib/bundle/briefdeck.js';

process.exitCode = await main(process.argv.slice(2));
