using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Weft.Samples.Http;

/// <summary>
/// What one outbound call gave: a status and body, or why there was none. <see cref="Failure"/>
/// is set when no response came (refused, reset, timed out) and says what happened;
/// <see cref="Instance"/> is the answering sample's <c>x-weft-sample</c> header (e.g. reviews/v2).
/// </summary>
public sealed record DownstreamResponse(string Url, int Status, string Body, string? Failure, string? Instance = null)
{
    /// <summary>A response below 400, as the demo's services judge their calls.</summary>
    public bool Ok => Failure is null && Status < 400;

    /// <summary>The body as <typeparamref name="T"/>, or default when it is not that JSON (a proxy's "RBAC: access denied", say).</summary>
    public T? Json<T>(JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(Body, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>One phrase for logs and error pages: "503 from http://cars:8000/cars/London" or the failure.</summary>
    public string Describe() => Failure is null ? $"{Status} from {Url}" : $"{Url}: {Failure}";
}
