using System.Text.Json.Serialization;

namespace Weft.Samples.Http;

/// <summary>
/// An error answer. The agency services send only <c>error</c>; the portals and control add
/// <c>detail</c>. Both are left out when null, as the demo's <c>omitempty</c> does.
/// </summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);
