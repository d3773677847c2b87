import net from 'net';
import { portAnswers } from '../helpers/requirements';

describe('test requirements: is a service there', () => {
  it('sees a listening port and a closed one', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as net.AddressInfo;
    try {
      // The check runs in a child process (synchronously), so this process keeps accepting.
      expect(portAnswers('127.0.0.1', port)).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(portAnswers('127.0.0.1', port, 500)).toBe(false);
  });
});
