using Weft.Api.Model.Mesh;
using Weft.Api.Validation;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Mesh;

/// <summary>
/// A mesh proxy config (MeshConfig <c>defaultConfig</c>), as Istio's ValidateMeshConfigProxyConfig
/// checks it: the paths, cluster name and discovery address every proxy needs, addresses that are
/// HOST:PORT, ports in range, drain times within bounds, one tracer, and the nested settings.
/// </summary>
public static class ProxyConfigRules
{
    private static readonly TimeSpan DrainMax = TimeSpan.FromHours(1);

    public static IEnumerable<FieldError> Validate(string path, MeshProxyConfig? pc)
    {
        if (pc is null)
        {
            yield return FieldError.Required(path, "missing default config");
            yield break;
        }
        string P(string field) => FieldPath.Child(path, field);
        if (string.IsNullOrEmpty(pc.ConfigPath))
            yield return FieldError.Required(P("configPath"), "config path must be set");
        if (string.IsNullOrEmpty(pc.BinaryPath))
            yield return FieldError.Required(P("binaryPath"), "binary path must be set");
        if (pc.ServiceCluster is not null && pc.TracingServiceName is not null)
            yield return FieldError.InvalidNoValue(path, "set serviceCluster or tracingServiceName, not both (they are one protobuf oneof)");
        else if (pc.ServiceCluster is null && pc.TracingServiceName is null)
            yield return FieldError.Required(P("serviceCluster"), "oneof service cluster or tracing service name must be specified");
        else if (pc.ServiceCluster is "")
            yield return FieldError.Required(P("serviceCluster"), "service cluster must be specified");
        if (DrainDuration(P("drainDuration"), pc.DrainDuration) is { } drain)
            yield return drain;
        if (DurationChecks.Positive(P("terminationDrainDuration"), pc.TerminationDrainDuration) is { } termination)
            yield return termination;
        if (DurationChecks.Positive(P("parentShutdownDuration"), pc.ParentShutdownDuration) is { } parent)
            yield return parent;
        // Discovery is mandatory: mutual TLS relies on the clusters the proxy gets from it.
        if (string.IsNullOrEmpty(pc.DiscoveryAddress))
            yield return FieldError.Required(P("discoveryAddress"), "discovery address must be set to the proxy discovery service");
        else if (ProxyAddress.Check(P("discoveryAddress"), pc.DiscoveryAddress) is { } discovery)
            yield return discovery;
        if (!string.IsNullOrEmpty(pc.StatsdUdpAddress) && ProxyAddress.Check(P("statsdUdpAddress"), pc.StatsdUdpAddress) is { } statsd)
            yield return statsd;
        foreach (var (field, port) in new[] { ("proxyAdminPort", pc.ProxyAdminPort), ("statusPort", pc.StatusPort) })
            if (port is not null && Rules.Port(P(field), port) is { } bad)
                yield return bad;
        if (pc.ControlPlaneAuthPolicy == ProxyAuthenticationPolicy.Inherit)
            yield return FieldError.NotSupported(P("controlPlaneAuthPolicy"), "INHERIT", ["NONE", "MUTUAL_TLS"]);
        if (pc.Concurrency is < 0)
            yield return FieldError.Invalid(P("concurrency"), pc.Concurrency.Value, "must be greater than or equal to 0");
        foreach (var e in Tracing(P("tracing"), pc.Tracing))
            yield return e;
        foreach (var e in PrivateKeys(P("privateKeyProvider"), pc.PrivateKeyProvider))
            yield return e;
        foreach (var e in StatsMatcher(P("proxyStatsMatcher"), pc.ProxyStatsMatcher))
            yield return e;
        var nested = new ErrorList();
        ProbeRules.Check(nested, P("readinessProbe"), pc.ReadinessProbe);
        foreach (var (field, service) in new[] { ("envoyAccessLogService", pc.EnvoyAccessLogService), ("envoyMetricsService", pc.EnvoyMetricsService) })
        {
            if (service is null)
                continue;
            if (!string.IsNullOrEmpty(service.Address))
                nested.Add(ProxyAddress.Check(FieldPath.Child(P(field), "address"), service.Address));
            ClientTlsRules.Check(nested, FieldPath.Child(P(field), "tlsSettings"), service.TlsSettings, "");
        }
        foreach (var e in nested.Items)
            yield return e;
    }

    // Drain times are whole seconds, at most an hour.
    private static FieldError? DrainDuration(string path, Model.Duration? duration)
    {
        if (DurationChecks.Positive(path, duration) is { } invalid)
            return invalid;
        if (duration is not { } d)
            return null;
        var v = d.Value;
        if (v.Ticks % TimeSpan.TicksPerSecond != 0)
            return FieldError.Invalid(path, d.Text, "drain time only supports durations to seconds precision");
        return v > DrainMax ? FieldError.Invalid(path, d.Text, "drain time must be at most 1h") : null;
    }

    private static IEnumerable<FieldError> Tracing(string path, ProxyTracing? tracing)
    {
        if (tracing is null)
            yield break;
        if (tracing.Tracers is { Count: > 1 } tracers)
            yield return FieldError.InvalidNoValue(path, $"one tracer, found {string.Join(" and ", tracers)}");
        foreach (var (name, address) in new[]
        {
            ("zipkin", tracing.Zipkin?.Address), ("lightstep", tracing.Lightstep?.Address), ("datadog", tracing.Datadog?.Address),
        })
        {
            if (address is not null && ProxyAddress.Check(FieldPath.Child(FieldPath.Child(path, name), "address"), address) is { } e)
                yield return e;
        }
        if (tracing.Lightstep is { AccessToken: null or "" })
            yield return FieldError.Required(FieldPath.Child(FieldPath.Child(path, "lightstep"), "accessToken"), "access token is required");
        if (tracing.Sampling is < 0 or > 100)
            yield return FieldError.Invalid(FieldPath.Child(path, "sampling"), tracing.Sampling.Value, "must be between 0 and 100");
        if (tracing.CustomTags is { } tags)
        {
            foreach (var (name, tag) in tags)
            {
                var sources = (tag.Literal is null ? 0 : 1) + (tag.Environment is null ? 0 : 1) + (tag.Header is null ? 0 : 1);
                if (sources != 1)
                    yield return FieldError.InvalidNoValue(FieldPath.Key(FieldPath.Child(path, "customTags"), name), "a custom tag has exactly one of literal, environment or header");
            }
        }
        var tls = new ErrorList();
        ClientTlsRules.Check(tls, FieldPath.Child(path, "tlsSettings"), tracing.TlsSettings, "");
        foreach (var e in tls.Items)
            yield return e;
    }

    private static IEnumerable<FieldError> PrivateKeys(string path, PrivateKeyProvider? provider)
    {
        if (provider is null)
            yield break;
        if (provider.Cryptomb is not null && provider.Qat is not null)
            yield return FieldError.InvalidNoValue(path, "one private key provider, found cryptomb and qat");
        foreach (var (name, accelerator) in new[] { ("cryptomb", provider.Cryptomb), ("qat", provider.Qat) })
        {
            if (accelerator is null)
                continue;
            var pollDelay = FieldPath.Child(FieldPath.Child(path, name), "pollDelay");
            if (accelerator.PollDelay is not { } delay)
                yield return FieldError.Required(pollDelay, "pollDelay is required");
            else if (!delay.TryGetValue(out var v) || v <= TimeSpan.Zero)
                yield return FieldError.Invalid(pollDelay, delay.Text, "pollDelay must be non-zero");
        }
    }

    private static IEnumerable<FieldError> StatsMatcher(string path, ProxyStatsMatcher? matcher)
    {
        if (matcher?.InclusionRegexps is not { } regexps)
            yield break;
        for (var i = 0; i < regexps.Count; i++)
            if (Rules.Re2Regex(FieldPath.Index(FieldPath.Child(path, "inclusionRegexps"), i), regexps[i]) is { } e)
                yield return e;
    }
}
