using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;

namespace Weft.Discovery.Codec;

/// <summary>
/// Encodes snapshots for the push with the JSON of every cluster, endpoint assignment, virtual
/// host, filter chain and telemetry entry cached by object identity. The control plane shares
/// those immutable objects between the proxies of one outbound key, so each is encoded once and
/// its bytes are copied into every proxy's frame: a push costs the proxy's own parts, not the
/// whole mesh again. Entries live as long as the objects (a <see cref="ConditionalWeakTable{TKey, TValue}"/>).
/// The output is the same JSON as <see cref="SnapshotCodec.Encode"/>.
/// </summary>
public sealed class SnapshotEncoder
{
    private readonly JsonTypeInfo<ProxySnapshot> _snapshot;

    public SnapshotEncoder()
    {
        var d = SnapshotJsonContext.Default;
        var options = new JsonSerializerOptions(d.Options);
        options.Converters.Add(new CachedElementConverter<Cluster>(d.Cluster));
        options.Converters.Add(new CachedElementConverter<ClusterLoadAssignment>(d.ClusterLoadAssignment));
        options.Converters.Add(new CachedElementConverter<VirtualHost>(d.VirtualHost));
        options.Converters.Add(new CachedElementConverter<FilterChain>(d.FilterChain));
        options.Converters.Add(new CachedElementConverter<PeerTelemetry>(d.PeerTelemetry));
        options.Converters.Add(new CachedElementConverter<ClusterTelemetry>(d.ClusterTelemetry));
        _snapshot = new SnapshotJsonContext(options).ProxySnapshot;
    }

    public void Write(Utf8JsonWriter writer, ProxySnapshot snapshot) => JsonSerializer.Serialize(writer, snapshot, _snapshot);

    private sealed class CachedElementConverter<T> : JsonConverter<T> where T : class
    {
        private readonly JsonTypeInfo<T> _inner;
        private readonly ConditionalWeakTable<T, byte[]> _bytes = new();
        private readonly ConditionalWeakTable<T, byte[]>.CreateValueCallback _encode;

        public CachedElementConverter(JsonTypeInfo<T> inner)
        {
            _inner = inner;
            _encode = v => JsonSerializer.SerializeToUtf8Bytes((T)v, _inner);
        }

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, _inner);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteRawValue(_bytes.GetValue(value, _encode), skipInputValidation: true);
    }
}
