import { setTimeout as sleep } from 'node:timers/promises';
import { SerialLock } from './serial-lock';

describe('SerialLock', () => {
  it('runs tasks one at a time, in arrival order, even when they wait', async () => {
    const lock = new SerialLock();
    const events: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      running--;
      return name;
    };

    // The first task waits longest: without the lock the others would finish before it.
    const results = await Promise.all([lock.run(task('a', 30)), lock.run(task('b', 1)), lock.run(task('c', 10))]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(mostAtOnce).toBe(1);
  });

  it("hands a failing task's rejection to its caller and still runs the next task", async () => {
    const lock = new SerialLock();
    const events: string[] = [];
    const failing = lock.run(async () => {
      await sleep(5);
      events.push('failing');
      throw new Error('boom');
    });
    const next = lock.run(async () => {
      events.push('next');
      return 'ok';
    });

    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(events).toEqual(['failing', 'next']);
  });

  it('keeps working after a task throws synchronously', async () => {
    const lock = new SerialLock();
    const bad = lock.run(() => {
      throw new Error('sync boom');
    });
    await expect(bad).rejects.toThrow('sync boom');
    await expect(lock.run(async () => 1)).resolves.toBe(1);
  });

  it('counts the tasks that are running or waiting', async () => {
    const lock = new SerialLock();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = lock.run(() => gate);
    const second = lock.run(async () => 'second');
    expect(lock.pending).toBe(2);
    release();
    await first;
    await expect(second).resolves.toBe('second');
    expect(lock.pending).toBe(0);
  });
});
