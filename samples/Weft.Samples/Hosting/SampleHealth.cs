using System.Text.Json.Serialization;
using Weft.Samples.Failure;

namespace Weft.Samples.Hosting;

/// <summary><c>GET /healthz</c>: the process serves. <c>fail</c> shows a failure switch that is on.</summary>
public sealed record SampleHealth(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("fail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureMode? Fail);
