using System.Text.Json.Nodes;

namespace Weft.ControlPlane.Tests.Http;

/// <summary>A watch as a client sees it: a streamed response read one JSON line at a time.</summary>
public sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the watch and returns as soon as the response headers arrive.</summary>
    public static async Task<WatchReader> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new WatchReader(response, new StreamReader(stream));
    }

    /// <summary>The next line exactly as sent, or null when the server ended the stream.</summary>
    public async Task<string?> NextLineAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _reader.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no watch event within {timeout ?? TimeSpan.FromSeconds(10)}");
        }
    }

    public async Task<JsonObject> NextAsync(TimeSpan? timeout = null)
    {
        var line = await NextLineAsync(timeout) ?? throw new InvalidOperationException("the watch ended");
        return (JsonObject)JsonNode.Parse(line)!;
    }

    /// <summary>"TYPE name resourceVersion" of the next event, the shape most assertions need.</summary>
    public async Task<string> NextSummaryAsync(TimeSpan? timeout = null) => Summary(await NextAsync(timeout));

    public static string Summary(JsonObject e)
    {
        var meta = e["object"]!["metadata"]!;
        return $"{e["type"]} {meta["name"]} {meta["resourceVersion"]}";
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
