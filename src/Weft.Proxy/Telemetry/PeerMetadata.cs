using System.Text;
using Weft.Discovery.Telemetry;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Istio's HTTP metadata exchange between sidecars: the client sidecar sends who it is in
/// <c>x-envoy-peer-metadata</c> (base64 of a protobuf <c>google.protobuf.Struct</c> with NAME,
/// NAMESPACE, CLUSTER_ID, WORKLOAD_NAME and LABELS) and <c>x-envoy-peer-metadata-id</c>; the server
/// sidecar reads them for the destination reporter's source labels and removes them before the
/// application sees the request. The same encoding as Envoy's, so a Weft sidecar and an Istio
/// sidecar understand each other. Encoded once per snapshot; decoded once per distinct value.
/// </summary>
public static class PeerMetadata
{
    public const string Header = "x-envoy-peer-metadata";
    public const string IdHeader = "x-envoy-peer-metadata-id";

    public static string Encode(PeerTelemetry peer)
    {
        var labels = new List<(string, object)>();
        if (peer.App != "unknown")
            labels.Add(("app", peer.App));
        if (peer.Version != "unknown")
            labels.Add(("version", peer.Version));
        labels.Add(("service.istio.io/canonical-name", peer.CanonicalService));
        labels.Add(("service.istio.io/canonical-revision", peer.CanonicalRevision));
        var fields = new List<(string, object)>
        {
            ("CLUSTER_ID", peer.Cluster),
            ("LABELS", labels),
            ("NAME", peer.Workload),
            ("NAMESPACE", peer.Namespace),
            ("WORKLOAD_NAME", peer.Workload),
        };
        var buffer = new MemoryStream();
        WriteStruct(buffer, fields);
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>Envoy's node id shape: <c>sidecar~IP~NAME.NS~NS.svc.cluster.local</c>.</summary>
    public static string Id(PeerTelemetry peer, string? address)
        => $"sidecar~{address ?? "0.0.0.0"}~{peer.Workload}.{peer.Namespace}~{peer.Namespace}.svc.cluster.local";

    /// <summary>The peer a header names; null when it is not a metadata Struct we can read.</summary>
    public static PeerTelemetry? Decode(string value)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!ReadStruct(bytes, fields))
            return null;
        var labels = fields.GetValueOrDefault("LABELS") as Dictionary<string, object> ?? [];
        string? Str(Dictionary<string, object> d, string k) => d.GetValueOrDefault(k) as string is { Length: > 0 } s ? s : null;
        var workload = Str(fields, "WORKLOAD_NAME") ?? Str(fields, "NAME");
        var ns = Str(fields, "NAMESPACE");
        if (workload is null || ns is null)
            return null;
        var app = Str(labels, "app") ?? Str(labels, "app.kubernetes.io/name");
        var version = Str(labels, "version") ?? Str(labels, "app.kubernetes.io/version");
        return new PeerTelemetry
        {
            Workload = workload,
            Namespace = ns,
            App = app ?? "unknown",
            Version = version ?? "unknown",
            CanonicalService = Str(labels, "service.istio.io/canonical-name") ?? app ?? workload,
            CanonicalRevision = Str(labels, "service.istio.io/canonical-revision") ?? version ?? "latest",
            Cluster = Str(fields, "CLUSTER_ID") ?? "unknown",
        };
    }

    // Struct { map<string, Value> fields = 1; }  Value { string string_value = 3; Struct struct_value = 5; }
    private static void WriteStruct(Stream s, List<(string Key, object Value)> fields)
    {
        foreach (var (key, value) in fields)
        {
            var entry = new MemoryStream();
            WriteBytes(entry, 1, Encoding.UTF8.GetBytes(key));
            var v = new MemoryStream();
            if (value is string str)
                WriteBytes(v, 3, Encoding.UTF8.GetBytes(str));
            else
            {
                var inner = new MemoryStream();
                WriteStruct(inner, (List<(string, object)>)value);
                WriteBytes(v, 5, inner.ToArray());
            }
            WriteBytes(entry, 2, v.ToArray());
            WriteBytes(s, 1, entry.ToArray());
        }
    }

    private static void WriteBytes(Stream s, int field, byte[] bytes)
    {
        WriteVarint(s, (ulong)((field << 3) | 2));
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void WriteVarint(Stream s, ulong v)
    {
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        s.WriteByte((byte)v);
    }

    private static bool ReadStruct(ReadOnlySpan<byte> data, Dictionary<string, object> into)
    {
        while (data.Length > 0)
        {
            if (!ReadField(ref data, out var field, out var entry))
                return false;
            if (field != 1)
                continue;
            string? key = null;
            object? value = null;
            while (entry.Length > 0)
            {
                if (!ReadField(ref entry, out var ef, out var payload))
                    return false;
                if (ef == 1)
                    key = Encoding.UTF8.GetString(payload);
                else if (ef == 2)
                    value = ReadValue(payload);
            }
            if (key is not null && value is not null)
                into[key] = value;
        }
        return true;
    }

    private static object? ReadValue(ReadOnlySpan<byte> data)
    {
        object? result = null;
        while (data.Length > 0)
        {
            if (!ReadField(ref data, out var field, out var payload))
                return null;
            if (field == 3)
                result = Encoding.UTF8.GetString(payload);
            else if (field == 5)
            {
                var inner = new Dictionary<string, object>(StringComparer.Ordinal);
                result = ReadStruct(payload, inner) ? inner : null;
            }
        }
        return result;
    }

    // Reads one field; only length-delimited payloads are returned, varint and fixed ones skipped.
    private static bool ReadField(ref ReadOnlySpan<byte> data, out int field, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        field = 0;
        if (!ReadVarint(ref data, out var tag))
            return false;
        field = (int)(tag >> 3);
        switch (tag & 7)
        {
            case 0:
                return ReadVarint(ref data, out _);
            case 1:
                if (data.Length < 8) return false;
                data = data[8..];
                return true;
            case 5:
                if (data.Length < 4) return false;
                data = data[4..];
                return true;
            case 2:
                if (!ReadVarint(ref data, out var len) || len > (ulong)data.Length)
                    return false;
                payload = data[..(int)len];
                data = data[(int)len..];
                return true;
            default:
                return false;
        }
    }

    private static bool ReadVarint(ref ReadOnlySpan<byte> data, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && data.Length > 0; shift += 7)
        {
            var b = data[0];
            data = data[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }
}
