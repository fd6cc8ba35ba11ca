using System.Collections.Immutable;
using System.Text;

namespace Weft.Discovery.Telemetry;

/// <summary>
/// OTLP/HTTP protobuf for traces (opentelemetry-proto's ExportTraceServiceRequest), written and
/// read by hand for the fields <see cref="OtlpSpan"/> holds: ResourceSpans (service.name), ScopeSpans,
/// Span (trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, start 7, end 8, attributes 9,
/// status 15), KeyValue with string AnyValues. Unknown fields are skipped, as protobuf requires.
/// </summary>
public static class OtlpCodec
{
    public const string ContentType = "application/x-protobuf";

    public static byte[] Encode(IEnumerable<OtlpSpan> spans)
    {
        var request = new ProtoWriter();
        foreach (var group in spans.GroupBy(s => s.Service, StringComparer.Ordinal))
        {
            var resourceSpans = new ProtoWriter();
            var resource = new ProtoWriter();
            resource.Message(1, KeyValue("service.name", group.Key));
            resourceSpans.Message(1, resource);
            var scope = new ProtoWriter();
            var scopeInfo = new ProtoWriter();
            scopeInfo.String(1, "weft-proxy");
            scope.Message(1, scopeInfo);
            foreach (var s in group)
            {
                var span = new ProtoWriter();
                span.Bytes(1, Convert.FromHexString(s.TraceId));
                span.Bytes(2, Convert.FromHexString(s.SpanId));
                if (s.ParentSpanId is { Length: > 0 } parent)
                    span.Bytes(4, Convert.FromHexString(parent));
                span.String(5, s.Name);
                span.Varint(6, (ulong)s.Kind);
                span.Fixed64(7, (ulong)s.StartUnixNano);
                span.Fixed64(8, (ulong)s.EndUnixNano);
                foreach (var (k, v) in s.Attributes)
                    span.Message(9, KeyValue(k, v));
                var status = new ProtoWriter();
                status.Varint(3, (ulong)s.StatusCode);
                span.Message(15, status);
                scope.Message(2, span);
            }
            resourceSpans.Message(2, scope);
            request.Message(1, resourceSpans);
        }
        return request.ToArray();
    }

    /// <summary>The spans of an ExportTraceServiceRequest; null when the bytes are not one.</summary>
    public static List<OtlpSpan>? Decode(ReadOnlySpan<byte> body)
    {
        var result = new List<OtlpSpan>();
        var reader = new ProtoReader(body);
        while (reader.Next(out var field, out var rs))
        {
            if (field != 1)
                continue;
            var service = "unknown";
            var scopes = new List<byte[]>();
            var r = new ProtoReader(rs);
            while (r.Next(out var f, out var payload))
            {
                if (f == 1)
                {
                    var res = new ProtoReader(payload);
                    while (res.Next(out var rf, out var kv))
                        if (rf == 1 && ReadKeyValue(kv) is { Key: "service.name" } attr)
                            service = attr.Value;
                }
                else if (f == 2)
                    scopes.Add(payload.ToArray());
            }
            foreach (var scope in scopes)
            {
                var sr = new ProtoReader(scope);
                while (sr.Next(out var sf, out var spanBytes))
                    if (sf == 2 && ReadSpan(spanBytes, service) is { } span)
                        result.Add(span);
            }
        }
        return reader.Failed ? null : result;
    }

    private static OtlpSpan? ReadSpan(ReadOnlySpan<byte> bytes, string service)
    {
        string? trace = null, span = null, parent = null, name = null;
        int kind = 0, status = 0;
        long start = 0, end = 0;
        var attributes = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var r = new ProtoReader(bytes);
        while (r.Next(out var f, out var payload, out var number))
        {
            switch (f)
            {
                case 1: trace = Convert.ToHexStringLower(payload); break;
                case 2: span = Convert.ToHexStringLower(payload); break;
                case 4: parent = payload.Length > 0 ? Convert.ToHexStringLower(payload) : null; break;
                case 5: name = Encoding.UTF8.GetString(payload); break;
                case 6: kind = (int)number; break;
                case 7: start = (long)number; break;
                case 8: end = (long)number; break;
                case 9:
                    if (ReadKeyValue(payload) is { } kv)
                        attributes.Add(kv);
                    break;
                case 15:
                    var st = new ProtoReader(payload);
                    while (st.Next(out var sf, out _, out var code))
                        if (sf == 3)
                            status = (int)code;
                    break;
            }
        }
        if (trace is null || span is null)
            return null;
        return new OtlpSpan
        {
            Service = service, TraceId = trace, SpanId = span, ParentSpanId = parent, Name = name ?? "", Kind = kind,
            StartUnixNano = start, EndUnixNano = end, StatusCode = status, Attributes = attributes.ToImmutable(),
        };
    }

    private static KeyValuePair<string, string>? ReadKeyValue(ReadOnlySpan<byte> bytes)
    {
        string? key = null, value = null;
        var r = new ProtoReader(bytes);
        while (r.Next(out var f, out var payload))
        {
            if (f == 1)
                key = Encoding.UTF8.GetString(payload);
            else if (f == 2)
            {
                var any = new ProtoReader(payload);
                while (any.Next(out var af, out var ap, out var n))
                {
                    value = af switch
                    {
                        1 => Encoding.UTF8.GetString(ap),
                        2 => n != 0 ? "true" : "false",
                        3 => ((long)n).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        4 => BitConverter.UInt64BitsToDouble(n).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => value,
                    };
                }
            }
        }
        return key is null ? null : new KeyValuePair<string, string>(key, value ?? "");
    }

    private static ProtoWriter KeyValue(string key, string value)
    {
        var kv = new ProtoWriter();
        kv.String(1, key);
        var any = new ProtoWriter();
        any.String(1, value);
        kv.Message(2, any);
        return kv;
    }

    private sealed class ProtoWriter
    {
        private readonly MemoryStream _s = new();

        public void Varint(int field, ulong v)
        {
            Tag(field, 0);
            Raw(v);
        }

        public void Fixed64(int field, ulong v)
        {
            Tag(field, 1);
            Span<byte> b = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b, v);
            _s.Write(b);
        }

        public void Bytes(int field, ReadOnlySpan<byte> bytes)
        {
            Tag(field, 2);
            Raw((ulong)bytes.Length);
            _s.Write(bytes);
        }

        public void String(int field, string s) => Bytes(field, Encoding.UTF8.GetBytes(s));

        public void Message(int field, ProtoWriter m) => Bytes(field, m.ToArray());

        public byte[] ToArray() => _s.ToArray();

        private void Tag(int field, int wire) => Raw((ulong)((field << 3) | wire));

        private void Raw(ulong v)
        {
            while (v >= 0x80)
            {
                _s.WriteByte((byte)(v | 0x80));
                v >>= 7;
            }
            _s.WriteByte((byte)v);
        }
    }

    private ref struct ProtoReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public bool Failed { get; private set; }

        public bool Next(out int field, out ReadOnlySpan<byte> payload) => Next(out field, out payload, out _);

        /// <summary>The next field: length-delimited ones give their payload, numeric ones their number.</summary>
        public bool Next(out int field, out ReadOnlySpan<byte> payload, out ulong number)
        {
            field = 0;
            payload = default;
            number = 0;
            if (_data.Length == 0 || Failed)
                return false;
            if (!Varint(out var tag))
                return Fail();
            field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    return Varint(out number) || Fail();
                case 1:
                    if (_data.Length < 8)
                        return Fail();
                    number = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_data);
                    _data = _data[8..];
                    return true;
                case 5:
                    if (_data.Length < 4)
                        return Fail();
                    number = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_data);
                    _data = _data[4..];
                    return true;
                case 2:
                    if (!Varint(out var len) || len > (ulong)_data.Length)
                        return Fail();
                    payload = _data[..(int)len];
                    _data = _data[(int)len..];
                    return true;
                default:
                    return Fail();
            }
        }

        private bool Fail()
        {
            Failed = true;
            return false;
        }

        private bool Varint(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64 && _data.Length > 0; shift += 7)
            {
                var b = _data[0];
                _data = _data[1..];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                    return true;
            }
            return false;
        }
    }
}
