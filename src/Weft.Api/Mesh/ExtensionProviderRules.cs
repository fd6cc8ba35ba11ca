using System.Collections.Frozen;
using System.Globalization;
using Weft.Api.Model.Mesh;
using Weft.Api.Validation;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Mesh;

/// <summary>
/// MeshConfig extension providers, as Istio's validateExtensionProvider checks them: unique,
/// non-empty names; exactly one provider per entry; a service (<c>[NAMESPACE/]HOST</c> or an IP)
/// and a port for every provider that calls out; and each provider's own settings.
/// </summary>
public static class ExtensionProviderRules
{
    /// <summary>The HTTP statuses Envoy's StatusCode enum names (statusOnError must be one of them, or 0).</summary>
    public static readonly FrozenSet<int> EnvoyStatusCodes = new[]
    {
        0, 100, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424,
        426, 428, 429, 431, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
    }.ToFrozenSet();

    private const string AllKinds =
        "envoyExtAuthzHttp, envoyExtAuthzGrpc, zipkin, lightstep, datadog, stackdriver, opencensus, skywalking, opentelemetry, " +
        "prometheus, envoyFileAccessLog, envoyHttpAls, envoyTcpAls, envoyOtelAls, sds";

    public static IEnumerable<FieldError> Validate(string path, IReadOnlyList<ExtensionProvider>? providers)
    {
        if (providers is null)
            yield break;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < providers.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            var p = providers[i];
            var namePath = FieldPath.Child(at, "name");
            if (string.IsNullOrEmpty(p.Name))
                yield return FieldError.Required(namePath, "every extension provider has a name that policies refer to");
            else if (!names.Add(p.Name))
                yield return FieldError.Duplicate(namePath, p.Name);
            var kinds = p.Kinds;
            if (kinds.Count == 0)
                yield return FieldError.Required(at, "set one provider: " + AllKinds);
            else if (kinds.Count > 1)
                yield return FieldError.InvalidNoValue(at, $"one provider per entry, found {string.Join(" and ", kinds)}");
            foreach (var e in Provider(at, p))
                yield return e;
        }
    }

    private static IEnumerable<FieldError> Provider(string at, ExtensionProvider p)
    {
        IEnumerable<FieldError?> errors = [];
        if (p.EnvoyExtAuthzHttp is { } http)
        {
            var path = FieldPath.Child(at, "envoyExtAuthzHttp");
            errors = errors.Concat(Endpoint(path, http.Service, http.Port))
                .Append(StatusOnError(FieldPath.Child(path, "statusOnError"), http.StatusOnError))
                .Append(DurationChecks.Positive(FieldPath.Child(path, "timeout"), http.Timeout))
                .Append(http.PathPrefix is { Length: > 0 } prefix && !prefix.StartsWith('/')
                    ? FieldError.Invalid(FieldPath.Child(path, "pathPrefix"), prefix, "pathPrefix should begin with '/'")
                    : null);
        }
        if (p.EnvoyExtAuthzGrpc is { } grpc)
        {
            var path = FieldPath.Child(at, "envoyExtAuthzGrpc");
            errors = errors.Concat(Endpoint(path, grpc.Service, grpc.Port))
                .Append(StatusOnError(FieldPath.Child(path, "statusOnError"), grpc.StatusOnError))
                .Append(DurationChecks.Positive(FieldPath.Child(path, "timeout"), grpc.Timeout));
        }
        if (p.Zipkin is { } zipkin)
        {
            var path = FieldPath.Child(at, "zipkin");
            errors = errors.Concat(Endpoint(path, zipkin.Service, zipkin.Port))
                .Append(DurationChecks.Positive(FieldPath.Child(path, "timeout"), zipkin.Timeout))
                .Append(zipkin.Path is { Length: > 0 } zp && !zp.StartsWith('/') ? FieldError.Invalid(FieldPath.Child(path, "path"), zp, "a path begins with '/'") : null)
                .Concat(Headers(FieldPath.Child(path, "headers"), zipkin.Headers));
        }
        if (p.Lightstep is { } lightstep)
        {
            var path = FieldPath.Child(at, "lightstep");
            errors = errors.Concat(Endpoint(path, lightstep.Service, lightstep.Port))
                .Append(string.IsNullOrEmpty(lightstep.AccessToken) ? FieldError.Required(FieldPath.Child(path, "accessToken"), "access token is required") : null);
        }
        if (p.Datadog is { } datadog)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "datadog"), datadog.Service, datadog.Port));
        if (p.Opencensus is { } opencensus)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "opencensus"), opencensus.Service, opencensus.Port));
        if (p.Skywalking is { } skywalking)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "skywalking"), skywalking.Service, skywalking.Port));
        if (p.Opentelemetry is { } otel)
            errors = errors.Concat(OpenTelemetry(FieldPath.Child(at, "opentelemetry"), otel));
        if (p.EnvoyHttpAls is { } httpAls)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "envoyHttpAls"), httpAls.Service, httpAls.Port));
        if (p.EnvoyTcpAls is { } tcpAls)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "envoyTcpAls"), tcpAls.Service, tcpAls.Port));
        if (p.EnvoyOtelAls is { } otelAls)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "envoyOtelAls"), otelAls.Service, otelAls.Port));
        if (p.EnvoyFileAccessLog?.LogFormat is { Text: not null, Labels: not null })
            errors = errors.Append(FieldError.InvalidNoValue(FieldPath.Child(FieldPath.Child(at, "envoyFileAccessLog"), "logFormat"), "set text or labels, not both"));
        if (p.Sds is { } sds)
            errors = errors.Concat(Endpoint(FieldPath.Child(at, "sds"), sds.Service, sds.Port));
        foreach (var e in errors)
            if (e is not null)
                yield return e;
    }

    private static IEnumerable<FieldError?> OpenTelemetry(string path, OpenTelemetryTracingProvider otel)
    {
        foreach (var e in Endpoint(path, otel.Service, otel.Port))
            yield return e;
        if (otel.Grpc is not null && otel.Http is not null)
            yield return FieldError.InvalidNoValue(path, "an OpenTelemetry provider exports over grpc or http, not both");
        if (otel.Http is { } http)
        {
            var httpPath = FieldPath.Child(path, "http");
            yield return DurationChecks.Positive(FieldPath.Child(httpPath, "timeout"), http.Timeout);
            foreach (var e in Headers(FieldPath.Child(httpPath, "headers"), http.Headers))
                yield return e;
        }
        if (otel.Grpc is { } grpc)
        {
            var grpcPath = FieldPath.Child(path, "grpc");
            yield return DurationChecks.Positive(FieldPath.Child(grpcPath, "timeout"), grpc.Timeout);
            foreach (var e in Headers(FieldPath.Child(grpcPath, "initialMetadata"), grpc.InitialMetadata))
                yield return e;
        }
        if (otel.DynatraceSampler?.HttpService is { } api)
            foreach (var e in Endpoint(FieldPath.Child(FieldPath.Child(path, "dynatraceSampler"), "httpService"), api.Service, api.Port))
                yield return e;
    }

    /// <summary>The service (<c>[NAMESPACE/]HOSTNAME</c> or an IP) and the port a provider is reached at.</summary>
    public static IEnumerable<FieldError> Endpoint(string path, string? service, uint? port)
    {
        var servicePath = FieldPath.Child(path, "service");
        if (string.IsNullOrEmpty(service))
            yield return FieldError.Required(servicePath, "the provider's service, [NAMESPACE/]HOSTNAME");
        else if (service.Contains('/', StringComparison.Ordinal))
        {
            foreach (var e in HostRules.NamespaceSlashHost(servicePath, service, isGateway: false))
                yield return e;
        }
        else if (HostRules.CheckFqdn(service) is { } reason && !AddressRules.IsIp(service))
            yield return FieldError.Invalid(servicePath, service, reason);
        var portPath = FieldPath.Child(path, "port");
        if (port is null or 0)
            yield return FieldError.Required(portPath, "the provider's port");
        else if (Rules.Port(portPath, port) is { } badPort)
            yield return badPort;
    }

    private static FieldError? StatusOnError(string path, string? status)
    {
        if (string.IsNullOrEmpty(status))
            return null;
        if (!int.TryParse(status, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            return FieldError.Invalid(path, status, "not a number");
        return EnvoyStatusCodes.Contains(code) ? null : FieldError.Invalid(path, status, "not an HTTP status Envoy knows (such as 403 or 503)");
    }

    private static IEnumerable<FieldError> Headers(string path, IReadOnlyList<ProviderHttpHeader>? headers)
    {
        if (headers is null)
            yield break;
        for (var i = 0; i < headers.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            if (string.IsNullOrEmpty(headers[i].Name))
                yield return FieldError.Required(FieldPath.Child(at, "name"));
            if (headers[i].Value is not null && headers[i].EnvName is not null)
                yield return FieldError.InvalidNoValue(at, "set value or envName, not both");
        }
    }
}
