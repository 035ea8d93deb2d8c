// Progress of a long run on stderr: on a terminal, one status line redrawn in place below the log lines;
// elsewhere (CI logs, pipes) plain lines only, so a log never fills with carriage returns.
export function createProgress(stream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let status = '';
  const erase = () => { if (tty && status) stream.write('\r\x1b[K'); };
  const draw = () => { if (tty && status) stream.write(status.slice(0, (stream.columns || 80) - 1)); };
  return {
    tty,
    /** A log line: kept in the output on every stream. */
    line(text) {
      erase();
      stream.write(`${text}\n`);
      draw();
    },
    /** The status line: redrawn on a terminal, dropped elsewhere. */
    status(text) {
      erase();
      status = text;
      draw();
    },
    clear() {
      erase();
      status = '';
    },
  };
}
