import { load, struct } from 'koffi';

type MallocStatistics = { arena: number; hblkhd: number; uordblks: number };

let mallinfo2: (() => MallocStatistics) | null = null;

/**
 * Bytes the C allocator of the calling thread's main arena has handed out and not yet had back
 * (`mallinfo2`: small blocks in use plus large mmap'd blocks). Unlike RSS, this does not hide
 * an allocation behind memory an earlier test freed.
 */
export function nativeHeapBytesInUse(): number {
  if (!mallinfo2) {
    const fields = ['arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks', 'fordblks', 'keepcost'];
    const statistics = struct(Object.fromEntries(fields.map((field) => [field, 'size_t'])));
    mallinfo2 = load('libc.so.6').func('mallinfo2', statistics, []) as unknown as () => MallocStatistics;
  }
  const statistics = mallinfo2();
  return Number(statistics.uordblks) + Number(statistics.hblkhd);
}
