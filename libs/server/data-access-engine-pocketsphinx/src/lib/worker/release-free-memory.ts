import { load } from 'koffi';

let mallocTrim: ((pad: number) => number) | null = null;

/**
 * Hands the pages the C allocator holds free back to the system (glibc `malloc_trim`, every arena).
 * Reading a language model builds it from large temporary arrays; once they are freed, their pages
 * would otherwise stay resident in the loading thread's arena, counted in the process's memory.
 */
export function releaseFreeMemory(): void {
  mallocTrim ??= load('libc.so.6').func('malloc_trim', 'int', ['size_t']) as unknown as (pad: number) => number;
  mallocTrim(0);
}
