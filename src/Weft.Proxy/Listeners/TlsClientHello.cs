using System.Buffers;
using System.Text;

namespace Weft.Proxy.Listeners;

/// <summary>
/// Reads the server_name extension of a TLS ClientHello (RFC 8446 4.1.2, RFC 6066 3) from the
/// first record, bounds-checked at every step: the bytes come from anyone.
/// </summary>
internal static class TlsClientHello
{
    public static string? TryReadServerName(ReadOnlySequence<byte> buffer, out bool needMore)
    {
        needMore = false;
        if (buffer.Length < 5)
        {
            needMore = true;
            return null;
        }
        Span<byte> header = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(header);
        var recordLength = (header[3] << 8) | header[4];
        if (header[0] != 0x16 || recordLength > 16384 + 2048)
            return null;
        if (buffer.Length < 5 + recordLength)
        {
            needMore = true;
            return null;
        }
        var record = buffer.Slice(5, recordLength).ToArray();
        return Parse(record);
    }

    private static string? Parse(ReadOnlySpan<byte> hs)
    {
        // Handshake: type(1)=1 ClientHello, length(3), version(2), random(32)
        if (hs.Length < 38 || hs[0] != 0x01)
            return null;
        var p = 38;
        if (!Skip8(hs, ref p) || !Skip16(hs, ref p) || !Skip8(hs, ref p))   // session id, cipher suites, compression
            return null;
        if (p + 2 > hs.Length)
            return null;
        var extEnd = p + 2 + ((hs[p] << 8) | hs[p + 1]);
        p += 2;
        if (extEnd > hs.Length)
            return null;
        while (p + 4 <= extEnd)
        {
            var type = (hs[p] << 8) | hs[p + 1];
            var len = (hs[p + 2] << 8) | hs[p + 3];
            p += 4;
            if (p + len > extEnd)
                return null;
            if (type == 0)
            {
                // server_name_list: length(2), then entries of type(1) length(2) name
                var q = p + 2;
                while (q + 3 <= p + len)
                {
                    var nameType = hs[q];
                    var nameLen = (hs[q + 1] << 8) | hs[q + 2];
                    q += 3;
                    if (q + nameLen > p + len)
                        return null;
                    if (nameType == 0)
                        return Encoding.ASCII.GetString(hs.Slice(q, nameLen));
                    q += nameLen;
                }
                return null;
            }
            p += len;
        }
        return null;
    }

    private static bool Skip8(ReadOnlySpan<byte> s, ref int p)
    {
        if (p + 1 > s.Length)
            return false;
        p += 1 + s[p];
        return p <= s.Length;
    }

    private static bool Skip16(ReadOnlySpan<byte> s, ref int p)
    {
        if (p + 2 > s.Length)
            return false;
        p += 2 + ((s[p] << 8) | s[p + 1]);
        return p <= s.Length;
    }
}
