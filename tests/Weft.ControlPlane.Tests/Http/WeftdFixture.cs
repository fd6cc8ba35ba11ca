using System.Net;
using System.Text;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Http;

/// <summary>One real weftd process shared by the tests of a class (each test works in its own namespace).</summary>
public sealed class WeftdFixture : IAsyncLifetime
{
    private WeftdProcess? _weftd;

    public WeftdProcess Weftd => _weftd ?? throw new InvalidOperationException("weftd has not started");

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _weftd = await WeftdProcess.StartAsync(new WeftdStart(), TestContext.Current.CancellationToken);
        Client = _weftd.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_weftd is not null)
            await _weftd.DisposeAsync();
    }
}

/// <summary>A response read whole: the code and the body as text.</summary>
public sealed record ApiResponse(HttpStatusCode Code, string Body);

public static class ApiCalls
{
    public static async Task<ApiResponse> ApiSendAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static Task<ApiResponse> ApiGetAsync(this HttpClient client, string path) => client.ApiSendAsync(HttpMethod.Get, path);

    public static Task<ApiResponse> ApiPostAsync(this HttpClient client, string path, string json) => client.ApiSendAsync(HttpMethod.Post, path, json);

    public static Task<ApiResponse> ApiPutAsync(this HttpClient client, string path, string json) => client.ApiSendAsync(HttpMethod.Put, path, json);

    public static Task<ApiResponse> ApiDeleteAsync(this HttpClient client, string path) => client.ApiSendAsync(HttpMethod.Delete, path);
}
