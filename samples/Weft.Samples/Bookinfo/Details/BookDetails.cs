using System.Text.Json.Serialization;

namespace Weft.Samples.Bookinfo.Details;

/// <summary>What details serves for a book, with Istio's member names (ISBN-10 and ISBN-13 included).</summary>
public sealed record BookDetails(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("author")] string Author,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("publisher")] string Publisher,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("ISBN-10")] string Isbn10,
    [property: JsonPropertyName("ISBN-13")] string Isbn13)
{
    /// <summary>Bookinfo's one book (The Comedy of Errors), under any id.</summary>
    public static BookDetails For(int id) =>
        new(id, "William Shakespeare", 1595, "paperback", 200, "PublisherA", "English", "1234567890", "123-1234567890");
}
