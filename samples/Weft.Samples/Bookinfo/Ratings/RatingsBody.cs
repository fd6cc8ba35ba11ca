using System.Text.Json.Serialization;

namespace Weft.Samples.Bookinfo.Ratings;

/// <summary><c>{"id":0,"ratings":{"Reviewer1":5,"Reviewer2":4}}</c>: stars by reviewer.</summary>
public sealed record RatingsBody(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("ratings")] IReadOnlyDictionary<string, int> Ratings);
