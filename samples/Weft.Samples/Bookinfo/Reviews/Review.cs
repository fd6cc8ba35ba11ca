using System.Text.Json.Serialization;

namespace Weft.Samples.Bookinfo.Reviews;

/// <summary>One review; v1 has no <c>rating</c> member at all.</summary>
public sealed record Review(
    [property: JsonPropertyName("reviewer")] string Reviewer,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("rating"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReviewRating? Rating);
