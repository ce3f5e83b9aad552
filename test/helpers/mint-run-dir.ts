// Child process for the concurrency test: mint one run dir and print its id (DESIGN §4.1).
import {createRunDir} from '../../source/ipc/host-id.js';

const [root, epoch] = process.argv.slice(2);
const {hostId} = createRunDir(root ?? '', {hostname: 'box', project: 'proj', agent: 'demo', epoch: Number(epoch)});
process.stdout.write(`${hostId}\n`);
