using System.Text.Json.Serialization;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Codec;

/// <summary>
/// Source-generated JSON for the snapshot and the push messages: no reflection, camelCase,
/// enums as strings, nulls omitted. The same JSON is the wire format and the admin config dump;
/// <see cref="ProxyStatus"/> lists serialize with it too (the control plane serves them to <c>weft proxy-status</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    Converters = [typeof(DurationJsonConverter)])]
[JsonSerializable(typeof(ProxySnapshot))]
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(DiscoveryRequest))]
[JsonSerializable(typeof(DiscoveryResponse))]
[JsonSerializable(typeof(ProxyStatus))]
[JsonSerializable(typeof(IReadOnlyList<ProxyStatus>))]
public sealed partial class SnapshotJsonContext : JsonSerializerContext;
