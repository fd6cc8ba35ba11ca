using System.Collections.Concurrent;
using System.Net.Security;
using System.Runtime.CompilerServices;
using Weft.Discovery.Clusters;
using Weft.Discovery.Listeners;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Gateways;

namespace Weft.Proxy.Security.Secrets;

/// <summary>
/// The TLS Secrets this proxy fetched from the control plane (the SDS cache of Istio's agent),
/// held in memory only: snapshots name them (<see cref="SecretReference"/>), never carry them, so
/// neither the config dump nor the saved snapshot holds a key. Before a snapshot applies, every
/// Secret it names at a version not held yet is fetched; a gateway chain reads the current one at
/// each handshake, so a rotated certificate serves new connections while open ones keep theirs.
/// A failed fetch keeps the last good material (and is logged); a Secret never fetched fails the
/// handshakes or connections that need it (fail closed) and is asked for again on the next use.
/// </summary>
public sealed partial class SecretStore(ILogger log)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, TlsSecret> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _fetching = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DownstreamTlsContext, Compiled> _compiled = [];
    private Func<string, CancellationToken, Task<TlsSecret>>? _fetch;
    private DateTimeOffset _lastBackgroundFetch;

    /// <summary>How Secrets are fetched (the discovery connection's client); set when the push stream starts.</summary>
    public void Use(Func<string, CancellationToken, Task<TlsSecret>> fetch) => Volatile.Write(ref _fetch, fetch);

    /// <summary>The latest material held for a Secret (whatever its version), or null.</summary>
    public TlsSecret? Get(string name) => _secrets.TryGetValue(name, out var s) ? s : null;

    /// <summary>Names of the Secrets held, with their versions (for the admin page: never the keys).</summary>
    public IReadOnlyDictionary<string, string> Versions() => _secrets.ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal);

    /// <summary>Fetches every Secret <paramref name="snapshot"/> names at a version not held yet; failures are logged, never thrown.</summary>
    public async Task ResolveAsync(ProxySnapshot snapshot, CancellationToken ct)
    {
        if (Volatile.Read(ref _fetch) is null)
            return;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in References(snapshot))
            wanted[r.Name] = r.Version;
        var fetches = new List<Task>();
        foreach (var (name, version) in wanted)
            if (Get(name)?.Version != version)
                fetches.Add(FetchAsync(name, ct));
        await Task.WhenAll(fetches);
    }

    /// <summary>Every Secret a snapshot names: gateway chains' certificates and roots, clusters' credentials.</summary>
    public static IEnumerable<SecretReference> References(ProxySnapshot snapshot)
    {
        foreach (var l in snapshot.Listeners)
        {
            foreach (var chain in l.DefaultFilterChain is { } d ? [.. l.FilterChains, d] : l.FilterChains)
            {
                if (chain.Tls?.CertificateSecret is { } cert)
                    yield return cert;
                if (chain.Tls?.CaSecret is { } ca)
                    yield return ca;
            }
        }
        foreach (var c in snapshot.Clusters)
        {
            if (c.Tls?.CredentialSecret is { } cred)
                yield return cred;
            if (c.Tls?.CaSecret is { } ca)
                yield return ca;
        }
    }

    private async Task FetchAsync(string name, CancellationToken ct)
    {
        if (Volatile.Read(ref _fetch) is not { } fetch)
            return;
        try
        {
            var secret = await fetch(name, ct);
            var previous = Get(name);
            _secrets[name] = secret;
            if (previous is null)
                LogFetched(log, name, secret.Version);
            else if (previous.Version != secret.Version)
                LogRotated(log, name, previous.Version, secret.Version);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            LogFetchFailed(log, name, Get(name)?.Version ?? "none", e.Message);
        }
    }

    /// <summary>A Secret needed now and not held (a saved snapshot served before the push stream): fetched in the background, at most every few seconds.</summary>
    private void FetchInBackground(string name)
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _lastBackgroundFetch < RetryAfter || Volatile.Read(ref _fetch) is null)
            return;
        _lastBackgroundFetch = now;
        _fetching.GetOrAdd(name, n => Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await FetchAsync(n, timeout.Token);
            }
            finally
            {
                _fetching.TryRemove(n, out _);
            }
        }));
    }

    /// <summary>A gateway chain's server options from the current Secret(s); null (and a fetch started) while they are not held or do not load.</summary>
    public SslServerAuthenticationOptions? ServerOptions(DownstreamTlsContext tls, string chain)
    {
        var cert = tls.CertificateSecret is { } c ? Get(c.Name) : null;
        var ca = tls.CaSecret is { } r ? Get(r.Name) : null;
        if (cert is null || (tls.CaSecret is not null && ca is null))
        {
            var missing = cert is null ? tls.CertificateSecret!.Name : tls.CaSecret!.Name;
            LogMissing(log, chain, missing);
            FetchInBackground(missing);
            return null;
        }
        var compiled = _compiled.GetOrCreateValue(tls);
        var current = Volatile.Read(ref compiled.Current);
        if (current is not null && ReferenceEquals(current.Certificate, cert) && ReferenceEquals(current.Roots, ca))
            return current.Tls?.Options;
        GatewayTls? built = null;
        try
        {
            built = GatewayTls.Compile(tls with
            {
                CertificateSecret = null,
                CaSecret = null,
                CertificateChain = cert.CertificateChain ?? "",
                PrivateKey = cert.PrivateKey ?? "",
                TrustedCa = tls.CaSecret is null ? null : ca?.TrustedCa ?? "",
            }, chain);
        }
        catch (InvalidOperationException e)
        {
            LogUnusable(log, chain, cert.ToString(), e.Message);
        }
        Volatile.Write(ref compiled.Current, new Built(cert, ca, built));
        return built?.Options;
    }

    /// <summary>
    /// A cluster's TLS with the PEM of the Secrets it names filled in (only in memory, for the
    /// handler). A Secret not held trusts nothing: the cluster's TLS fails closed.
    /// </summary>
    public UpstreamTlsSettings Fill(UpstreamTlsSettings tls)
    {
        if (tls.CredentialSecret is null && tls.CaSecret is null)
            return tls;
        var credential = tls.CredentialSecret is { } c ? Get(c.Name) : null;
        var roots = tls.CaSecret is { } r ? Get(r.Name) : null;
        if (tls.CaSecret is { } wanted && roots is null)
            FetchInBackground(wanted.Name);
        if (tls.CredentialSecret is { } cred && credential is null)
            FetchInBackground(cred.Name);
        return tls with
        {
            CaCertificatesPem = roots?.TrustedCa ?? "",
            ClientCertificatePem = credential?.CertificateChain,
            PrivateKeyPem = credential?.PrivateKey,
        };
    }

    /// <summary><see cref="Fill(UpstreamTlsSettings)"/> from <paramref name="store"/>; without one, named Secrets trust nothing (fail closed, never the system's roots).</summary>
    public static UpstreamTlsSettings Fill(UpstreamTlsSettings tls, SecretStore? store) =>
        store is not null ? store.Fill(tls)
        : tls.CredentialSecret is null && tls.CaSecret is null ? tls
        : tls with { CaCertificatesPem = "", ClientCertificatePem = null, PrivateKeyPem = null };

    private sealed class Compiled
    {
        public Built? Current;
    }

    private sealed record Built(TlsSecret Certificate, TlsSecret? Roots, GatewayTls? Tls);

    [LoggerMessage(5851, LogLevel.Information, "Fetched secret {Secret} version {Version} from the control plane")]
    private static partial void LogFetched(ILogger log, string secret, string version);

    [LoggerMessage(5852, LogLevel.Information, "Secret {Secret} rotated: version {Previous} -> {Version}; new handshakes use it, open connections keep theirs")]
    private static partial void LogRotated(ILogger log, string secret, string previous, string version);

    [LoggerMessage(5853, LogLevel.Warning, "Could not fetch secret {Secret} (still using version {Held}): {Reason}")]
    private static partial void LogFetchFailed(ILogger log, string secret, string held, string reason);

    [LoggerMessage(5854, LogLevel.Warning, "Filter chain {Chain}: secret {Secret} is not held yet; the handshake is refused")]
    private static partial void LogMissing(ILogger log, string chain, string secret);

    [LoggerMessage(5855, LogLevel.Error, "Filter chain {Chain}: {Secret} cannot be used: {Reason}")]
    private static partial void LogUnusable(ILogger log, string chain, string secret, string reason);
}
