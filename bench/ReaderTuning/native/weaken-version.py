import struct, sys
# Marks the vernaux entry for a symbol version as weak (VER_FLG_WEAK) so ld.so tolerates its absence.
path, wanted = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, 'rb').read())
shoff, = struct.unpack_from('<Q', data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
secs = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize) for i in range(shnum)]
for s in secs:
    if s[1] == 0x6ffffffe:  # SHT_GNU_verneed
        strtab = secs[s[6]]; stroff = strtab[4]
        off = s[4]; count = s[7]
        for _ in range(count):
            vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from('<HHIII', data, off)
            aoff = off + vn_aux
            for _ in range(vn_cnt):
                vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from('<IHHII', data, aoff)
                name = bytes(data[stroff + vna_name: data.index(b'\0', stroff + vna_name)])
                if name == wanted:
                    struct.pack_into('<H', data, aoff + 4, vna_flags | 2)
                    print('weakened', name.decode())
                aoff += vna_next
            off += vn_next
open(path, 'wb').write(data)
