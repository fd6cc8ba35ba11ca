using System.Text.Json.Serialization.Metadata;

namespace Weft.Samples.Http;

/// <summary>Writes a JSON answer with its source-generated contract (see <see cref="SampleJson"/>).</summary>
public static class ResponseJson
{
    public static Task WriteJsonAsync<T>(this HttpResponse response, T value, JsonTypeInfo<T> type, CancellationToken ct) =>
        response.WriteAsJsonAsync(value, type, contentType: null, ct);
}
