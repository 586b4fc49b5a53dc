/**
 * Reads an ELF file's program headers, to tell a static binary from a dynamic one without
 * `file` or `readelf`: a dynamically linked executable has a PT_INTERP header naming its
 * loader (/lib64/ld-linux-x86-64.so.2); a static one (what scratch needs) has none.
 */
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
/** e_machine values: the architecture the binary is for. */
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

export interface ElfSummary {
  bits: 32 | 64;
  /** e_type: 2 = ET_EXEC (non-PIE executable), 3 = ET_DYN (PIE or shared object). */
  type: number;
  /** e_machine: EM_X86_64 (62) for amd64, EM_AARCH64 (183) for arm64. */
  machine: number;
  /** p_type of every program header, in order. */
  programHeaderTypes: number[];
  /** The PT_INTERP string (the dynamic loader), when present. */
  interpreter?: string;
}

export function readElf(bytes: Buffer): ElfSummary {
  if (bytes.length < 52 || bytes.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  const bits = bytes[4] === 2 ? 64 : bytes[4] === 1 ? 32 : undefined;
  if (!bits) throw new Error(`unknown ELF class ${bytes[4]}`);
  const little = bytes[5] === 1;
  const u16 = (o: number) => (little ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const u32 = (o: number) => (little ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  const u64 = (o: number) => Number(little ? bytes.readBigUInt64LE(o) : bytes.readBigUInt64BE(o));

  const type = u16(16);
  const machine = u16(18);
  const phoff = bits === 64 ? u64(0x20) : u32(0x1c);
  const phentsize = bits === 64 ? u16(0x36) : u16(0x2a);
  const phnum = bits === 64 ? u16(0x38) : u16(0x2c);
  const programHeaderTypes: number[] = [];
  let interpreter: string | undefined;
  for (let i = 0; i < phnum; i++) {
    const header = phoff + i * phentsize;
    const pType = u32(header);
    programHeaderTypes.push(pType);
    if (pType === PT_INTERP) {
      const offset = bits === 64 ? u64(header + 8) : u32(header + 4);
      const size = bits === 64 ? u64(header + 32) : u32(header + 16);
      interpreter = bytes.subarray(offset, offset + size).toString('latin1').replace(/\0+$/, '');
    }
  }
  return { bits, type, machine, programHeaderTypes, interpreter };
}
