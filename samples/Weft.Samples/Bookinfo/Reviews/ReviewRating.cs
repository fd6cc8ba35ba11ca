using System.Text.Json.Serialization;

namespace Weft.Samples.Bookinfo.Reviews;

/// <summary>A review's rating: stars and their color, or the error when ratings did not answer.</summary>
public sealed record ReviewRating(
    [property: JsonPropertyName("stars"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Stars,
    [property: JsonPropertyName("color"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Color,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public const string Unavailable = "Ratings service is currently unavailable";
}
