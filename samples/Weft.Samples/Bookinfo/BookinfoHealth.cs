using System.Text.Json.Serialization;

namespace Weft.Samples.Bookinfo;

/// <summary>Bookinfo's own <c>/health</c> answer, e.g. <c>{"status":"Details is healthy"}</c>.</summary>
public sealed record BookinfoHealth([property: JsonPropertyName("status")] string Status);
