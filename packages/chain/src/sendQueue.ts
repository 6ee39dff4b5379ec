/**
 * The server's writes from one account go one after another: a second write asks the node for its nonce only
 * once the first is sent, so two requests never take the same nonce (the passkey relayer, a system member's
 * EPCIS capture jobs). Per process; accounts are independent of each other.
 */
const queues = new Map<string, Promise<void>>();

/** Runs `work` after every earlier work queued for `account` (an address, any case), whether that failed or not. */
export function inTurn<T>(account: string, work: () => Promise<T>): Promise<T> {
  const key = account.toLowerCase();
  const turn = (queues.get(key) ?? Promise.resolve()).then(work);
  const tail = turn.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  // The last one out leaves no entry behind: the map holds only accounts with work in flight.
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return turn;
}

/** How many accounts have work queued or running (for tests and health). */
export function accountsInTurn(): number {
  return queues.size;
}
