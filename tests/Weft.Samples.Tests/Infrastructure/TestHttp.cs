using System.Text.Json.Nodes;

namespace Weft.Samples.Tests.Infrastructure;

/// <summary>HTTP helpers for the tests: clients that never use a proxy, and JSON reads that say what came back.</summary>
public static class TestHttp
{
    public static HttpClient CreateClient(string? baseUrl = null) =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl is null ? null : new Uri(baseUrl + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>GETs JSON and checks the status; the failure message carries the body.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path, int expectedStatus = 200, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(expectedStatus, "GET {0} answered: {1}", path, body);
        return JsonNode.Parse(body)!;
    }

    public static async Task<(int Status, string Body)> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Retries <paramref name="check"/> until it passes or the time is up, then fails with its last error.</summary>
    public static async Task EventuallyAsync(Func<Task> check, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
