namespace Weft.Samples.Http;

/// <summary>Reads a (small) request body as text: settings, failure modes and ratings are a few hundred bytes.</summary>
public static class RequestBody
{
    public static async Task<string> ReadTextAsync(this HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
