using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Weft.Proxy.MeshDns;

/// <summary>
/// Just enough of RFC 1035 for a sidecar's DNS proxy: the question of a query, and an answer to
/// it with A records (or none), NXDOMAIN or SERVFAIL, echoing the id, flags' RD and the question.
/// </summary>
public static class DnsMessage
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const int NoError = 0;
    public const int ServFail = 2;
    public const int NxDomain = 3;

    /// <summary>The first question (name without the trailing dot, type), and where it ends; null for anything but a plain one-question query.</summary>
    public static (string Name, ushort Type, int End)? ReadQuestion(ReadOnlySpan<byte> query)
    {
        if (query.Length < 12 || (query[2] & 0x80) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
            return null;
        var name = new StringBuilder();
        var i = 12;
        while (true)
        {
            if (i >= query.Length)
                return null;
            int len = query[i++];
            if (len == 0)
                break;
            if (len > 63 || i + len > query.Length)
                return null;
            if (name.Length > 0)
                name.Append('.');
            name.Append(Encoding.ASCII.GetString(query.Slice(i, len)));
            i += len;
        }
        if (i + 4 > query.Length)
            return null;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query[i..]);
        return (name.ToString(), type, i + 4);
    }

    /// <summary>An authoritative answer to <paramref name="query"/> with the given A records (empty: NODATA), or an error code.</summary>
    public static byte[] Answer(ReadOnlySpan<byte> query, int questionEnd, int rcode, IReadOnlyList<IPAddress> addresses, uint ttl = 30)
    {
        var answers = rcode == NoError ? addresses.Count : 0;
        var response = new byte[questionEnd + answers * 16];
        query[..questionEnd].CopyTo(response);
        // QR, opcode 0, AA, RD as asked; RA; the rcode.
        response[2] = (byte)(0x80 | 0x04 | (query[2] & 0x01));
        response[3] = (byte)(0x80 | rcode);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), (ushort)answers);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(10), 0);
        var at = questionEnd;
        for (var k = 0; k < answers; k++)
        {
            var r = response.AsSpan(at);
            BinaryPrimitives.WriteUInt16BigEndian(r, 0xC00C); // the name: a pointer to the question's
            BinaryPrimitives.WriteUInt16BigEndian(r[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(r[4..], 1); // IN
            BinaryPrimitives.WriteUInt32BigEndian(r[6..], ttl);
            BinaryPrimitives.WriteUInt16BigEndian(r[10..], 4);
            addresses[k].GetAddressBytes().CopyTo(r[12..]);
            at += 16;
        }
        return response;
    }
}
