using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Weft.ControlPlane.Ca;
using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Tests.Resources;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Protocol;
using Weft.Identity.Spiffe;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Ca;

/// <summary>
/// A real in-process weftd with its certificate endpoint on a loopback port, a clock the test
/// moves, every log line captured (to prove secrets never reach them), and clients for the REST
/// API and the certificate endpoint as a proxy would call it.
/// </summary>
internal sealed class CaTestServer : IAsyncDisposable
{
    private readonly TempDir? _owned;

    private CaTestServer(WeftServer server, ManualTime clock, ConcurrentQueue<string> logs, string dataDir, TempDir? owned)
    {
        Server = server;
        Clock = clock;
        Logs = logs;
        DataDir = dataDir;
        _owned = owned;
        Api = new HttpClient { BaseAddress = server.Address, DefaultRequestHeaders = { Authorization = new("Bearer", server.Token) } };
    }

    public WeftServer Server { get; }

    public ManualTime Clock { get; }

    public ConcurrentQueue<string> Logs { get; }

    public string DataDir { get; }

    public HttpClient Api { get; }

    public string AllLogs => string.Join('\n', Logs);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CaTestServer> StartAsync(string? dataDir = null, string? caCerts = null, ManualTime? clock = null, string? kekFile = null)
    {
        TempDir? owned = null;
        if (dataDir is null)
        {
            owned = Repo.TempDir("weft-ca");
            dataDir = owned.File("data");
        }
        clock ??= new ManualTime(DateTimeOffset.UtcNow);
        var logs = new ConcurrentQueue<string>();
        try
        {
            var server = await WeftServer.StartAsync(new WeftServerOptions
            {
                DataDir = dataDir,
                Listen = new IPEndPoint(IPAddress.Loopback, 0),
                Time = clock,
                Ca = new CaOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), ListenExplicit = true, CaCertsDir = caCerts, KekFile = kekFile },
                Logging = l => l.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new QueueLogger(logs)),
            }, Ct);
            return new CaTestServer(server, clock, logs, dataDir, owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    public Uri CaAddress => Server.Ca.Address ?? throw new InvalidOperationException("the certificate endpoint is not listening");

    public SpiffeId Id(string ns, string sa) => SpiffeId.Create("cluster.local", ns, sa);

    /// <summary>POST a BootstrapToken; returns the answer's code and JSON.</summary>
    public async Task<(HttpStatusCode Code, JsonObject Body)> CreateTokenAsync(string ns, string sa, long? seconds = null, HttpClient? client = null)
    {
        var spec = new JsonObject { ["serviceAccount"] = sa };
        if (seconds is { } s)
            spec["expirationSeconds"] = s;
        var body = new JsonObject { ["apiVersion"] = "weft.io/v1", ["kind"] = "BootstrapToken", ["spec"] = spec };
        using var response = await (client ?? Api).PostAsync($"apis/weft.io/v1/namespaces/{ns}/bootstraptokens",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!);
    }

    public async Task<string> TokenAsync(string ns, string sa, long? seconds = null)
    {
        var (code, body) = await CreateTokenAsync(ns, sa, seconds);
        code.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        return (string)body["status"]!["token"]!;
    }

    /// <summary>A certificate request as a proxy sends it; the server is checked against the mesh roots at the test's clock.</summary>
    public async Task<(HttpStatusCode Code, string Body)> RequestAsync(string csrPem, string? token = null, WorkloadCertificate? clientCertificate = null,
        X509Certificate2? rawClientCertificate = null, string? rawBody = null)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificateContext = clientCertificate?.Context
                    ?? (rawClientCertificate is null ? null : SslStreamCertificateContext.Create(rawClientCertificate, null, offline: true)),
                // The intermediates are those the server sent: a plugged-in CA's must travel in the handshake.
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                    cert is not null && Server.Ca.Ca.TrustBundle.VerifyChain(new X509Certificate2(cert), chain?.ChainPolicy.ExtraStore, Clock.GetUtcNow()) is null,
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(CaAddress, CaProtocol.Path))
        {
            Content = new StringContent(rawBody ?? new CertificateSigningMessage(csrPem, null).ToJson(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", "Bootstrap " + token);
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Bootstraps like a proxy: a fresh key, its CSR and a token; returns the certificate with its key.</summary>
    public async Task<WorkloadCertificate> BootstrapAsync(SpiffeId id, string token)
    {
        using var pending = CsrBuilder.Create(id);
        var (code, body) = await RequestAsync(pending.CsrPem, token);
        code.Should().Be(HttpStatusCode.OK, body);
        return Complete(pending, body);
    }

    public WorkloadCertificate Complete(PendingCertificate pending, string body)
    {
        var answer = CertificateMessage.Parse(body);
        return pending.Complete(Pem.ReadCertificates(answer.CertificateChain), Weft.Identity.Trust.TrustBundle.FromPem("cluster.local", answer.TrustBundle), Clock.GetUtcNow());
    }

    public static string Message(string statusJson) => (string)JsonNode.Parse(statusJson)!["message"]!;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        _owned?.Dispose();
    }

    private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} [{eventId.Id}] {formatter(state, exception)} {exception}");

        public void Dispose()
        {
        }
    }
}
