// Fails early, and plainly, when `npm start` or `npm run dev` could not listen where asked:
//   node scripts/check-port.mjs HOST PORT COMMAND     (COMMAND = start | run dev, for the hint)
// Exit 0 when HOST:PORT is free; 1 with a message naming the port and how to choose another otherwise.
import net from 'node:net';

const [host, portText, command = 'start'] = process.argv.slice(2);
const fail = (message) => {
  process.stderr.write(`nabla: ${message}\n`);
  process.exit(1);
};
const port = Number(portText);
if (!/^\d+$/.test(portText ?? '') || port < 1 || port > 65535) {
  fail(`PORT must be a whole number from 1 to 65535, got '${portText ?? ''}'. Example: PORT=8080 npm ${command}`);
}
const server = net.createServer();
server.once('error', (e) => {
  if (e.code === 'EADDRINUSE') {
    fail(`port ${port} is already in use on ${host} (another npm start or dev server?).\n` +
         `  Choose another port: PORT=${port === 8080 ? 8081 : 8080} npm ${command}   (or stop what listens there: ss -ltnp 'sport = :${port}')`);
  }
  if (e.code === 'EACCES') fail(`port ${port} needs root privileges on ${host}; choose one above 1023: PORT=8080 npm ${command}`);
  if (e.code === 'EADDRNOTAVAIL') fail(`HOST ${host} is not an address of this machine; try HOST=127.0.0.1 or HOST=0.0.0.0`);
  fail(`cannot listen on ${host}:${port}: ${e.message}`);
});
server.listen(port, host, () => server.close(() => process.exit(0)));
