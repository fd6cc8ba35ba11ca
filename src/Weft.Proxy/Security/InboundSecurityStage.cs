using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Weft.Discovery.Listeners;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Security.Authorization;
using Weft.Proxy.Security.Tls;

namespace Weft.Proxy.Security;

/// <summary>
/// The server side of mesh security for requests on inbound listeners (and every listener of a
/// gateway, where Istio enforces the policies selecting the gateway): x-forwarded-client-cert
/// replaced by the verified peer's (a client-sent one never reaches the application; Envoy's
/// SANITIZE_SET; sidecars only), then the RequestAuthentication JWT rules (a bad token gets 401
/// with Envoy's jwt_authn text, a verified one gives the request principal and claims), then the
/// workload's AuthorizationPolicies (compiled once per snapshot): a denied request gets 403
/// <c>RBAC: access denied</c>, as Envoy's RBAC filter. A sidecar's outbound requests pass untouched.
/// </summary>
public sealed partial class InboundSecurityStage : IProxyStage
{
    public const string DeniedBody = "RBAC: access denied";
    public const string XfccHeader = "x-forwarded-client-cert";

    private readonly IProxyStage _next;
    private readonly CompiledAuthorization _authz;
    private readonly Discovery.Security.PathNormalization? _normalization;
    private readonly IReadOnlyDictionary<string, Discovery.Security.ExtAuthzProvider> _providers;
    private readonly ILogger _log;
    private readonly Jwt.JwtAuthenticator? _jwt;
    private readonly TimeProvider _time;
    private readonly bool _gateway;

    private InboundSecurityStage(IProxyStage next, CompiledAuthorization authz, Discovery.Security.PathNormalization? normalization,
        IReadOnlyDictionary<string, Discovery.Security.ExtAuthzProvider> providers, ILogger log, Jwt.JwtAuthenticator? jwt, TimeProvider time, bool gateway)
        => (_next, _authz, _normalization, _providers, _log, _jwt, _time, _gateway) = (next, authz, normalization, providers, log, jwt, time, gateway);

    /// <summary>Wraps <paramref name="next"/> when the snapshot has inbound listeners or is a gateway's; compiles the policies and JWT rules once.</summary>
    public static IProxyStage Wrap(IProxyStage next, ProxySnapshot s, ILoggerFactory logs, TimeProvider? time = null)
    {
        var gateway = s.Node?.Mode == ProxyMode.Gateway;
        if (!gateway && !s.Listeners.Any(l => l.Direction == TrafficDirection.Inbound))
            return next;
        var jwt = Jwt.JwtAuthenticator.Compile(s.Security.JwtProviders);
        if (gateway && jwt is null && s.Security.AuthorizationPolicies.IsDefaultOrEmpty)
            return next;
        var providers = (s.Security.ExtAuthzProviders ?? []).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var log = logs.CreateLogger<InboundSecurityStage>();
        foreach (var p in jwt?.Providers ?? [])
            foreach (var problem in p.Keys.Problems)
                LogKeyProblem(log, p.Source.Name, problem);
        return new InboundSecurityStage(next, CompiledAuthorization.Compile(s.Security.AuthorizationPolicies), s.Security.PathNormalization, providers, log,
            jwt, time ?? TimeProvider.System, gateway);
    }

    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        if (!_gateway && ctx.Listener.Config.Direction != TrafficDirection.Inbound)
            return _next.InvokeAsync(ctx);
        var http = ctx.Http;
        var tls = http.Features.Get<MeshTlsFeature>() ?? http.Features.Get<ITlsConnectionFeature>() as MeshTlsFeature;
        var headers = http.Request.Headers;
        if (!_gateway)
        {
            headers.Remove(XfccHeader);
            if (tls?.PeerIdentity is not null)
                headers[XfccHeader] = tls.ForwardedClientCert;
        }
        Jwt.JwtClaims? claims = null;
        if (_jwt is not null)
        {
            var result = _jwt.Authenticate(http, _time.GetUtcNow().ToUnixTimeSeconds());
            if (!result.Ok)
                return RefuseJwt(ctx, result);
            claims = result.Claims;
        }
        if (_authz.IsEmpty)
            return _next.InvokeAsync(ctx);
        var request = Describe(ctx, tls, claims);
        var decision = _authz.Evaluate(request);
        if (decision.NeedsCustom && decision.Provider is { } name && _providers.TryGetValue(name, out var provider))
            return CustomAsync(ctx, request, provider, decision.Audited, tls);
        return Decide(ctx, decision, tls);
    }

    private ValueTask Decide(ProxyContext ctx, AuthorizationDecision decision, MeshTlsFeature? tls)
    {
        var http = ctx.Http;
        if (decision.Audited)
            LogAudited(_log, http.Request.Method, http.Request.Path.Value ?? "", tls?.PeerIdentity ?? "-");
        if (decision.Allowed)
            return _next.InvokeAsync(ctx);
        LogDenied(_log, http.Request.Method, http.Request.Path.Value ?? "", tls?.PeerIdentity ?? "-", decision.Details);
        return LocalReply.WriteAsync(ctx, StatusCodes.Status403Forbidden, DeniedBody, ResponseFlags.None, decision.NeedsCustom ? "ext_authz_error" : decision.Details);
    }

    /// <summary>CUSTOM first: the external authorizer's no is final; its yes leaves DENY and ALLOW to decide.</summary>
    private async ValueTask CustomAsync(ProxyContext ctx, AuthorizationRequest request, Discovery.Security.ExtAuthzProvider provider, bool audited, MeshTlsFeature? tls)
    {
        if (await ExtAuthzClient.CheckAsync(ctx, provider, _log) is { } denial)
        {
            var response = ctx.Http.Response;
            if (!response.HasStarted)
                foreach (var (name, value) in denial.Headers)
                    response.Headers.Append(name, value);
            await LocalReply.WriteAsync(ctx, denial.Status, denial.Body, ResponseFlags.None, "ext_authz_denied");
            return;
        }
        await Decide(ctx, _authz.EvaluateLocal(request, audited), tls);
    }

    /// <summary>Envoy's jwt_authn refusal: 401, its status text, and a Bearer challenge naming the request's URL.</summary>
    private ValueTask RefuseJwt(ProxyContext ctx, Jwt.JwtResult result)
    {
        var http = ctx.Http;
        var message = Jwt.JwtStatusText.Message(result.Status);
        LogJwtRefused(_log, http.Request.Method, http.Request.Path.Value ?? "", result.Provider ?? "-", message);
        var realm = $"{ctx.Scheme}://{http.Request.Host.Value}{http.Request.Path.Value}";
        if (!http.Response.HasStarted)
            http.Response.Headers.WWWAuthenticate = result.Status == Jwt.JwtStatus.Missing
                ? $"Bearer realm=\"{realm}\""
                : $"Bearer realm=\"{realm}\", error=\"invalid_token\"";
        return LocalReply.WriteAsync(ctx, StatusCodes.Status401Unauthorized, message, ResponseFlags.None, Jwt.JwtStatusText.Details(result.Status));
    }

    private AuthorizationRequest Describe(ProxyContext ctx, MeshTlsFeature? tls, Jwt.JwtClaims? claims)
    {
        var http = ctx.Http;
        var (principal, ns) = AuthorizationRequest.FromSpiffe(tls?.PeerIdentity);
        var headers = http.Request.Headers;
        IPAddress? remote = null;
        if (headers.TryGetValue("x-forwarded-for", out var forwarded) && forwarded.Count > 0 && forwarded[0] is { } xff)
        {
            var first = xff.Split(',')[0].Trim();
            IPAddress.TryParse(first, out remote);
        }
        return new AuthorizationRequest
        {
            Principal = principal,
            Namespace = ns,
            SourceIp = http.Connection.RemoteIpAddress,
            RemoteIp = remote,
            DestinationIp = http.Connection.LocalIpAddress,
            DestinationPort = ctx.Listener.Config.Port,
            Host = http.Request.Host.Value ?? "",
            Method = http.Request.Method,
            Path = PathNormalizer.Normalize(http.Request.Path.Value ?? "/", _normalization),
            Header = name => headers.TryGetValue(name, out var v) ? v.ToString() : null,
            Jwt = claims,
        };
    }

    [LoggerMessage(5901, LogLevel.Information, "Denied {Method} {Path} from {Peer}: {Details}")]
    private static partial void LogDenied(ILogger log, string method, string path, string peer, string details);

    [LoggerMessage(5902, LogLevel.Information, "Audited {Method} {Path} from {Peer}")]
    private static partial void LogAudited(ILogger log, string method, string path, string peer);

    [LoggerMessage(5903, LogLevel.Information, "Refused {Method} {Path}: JWT rule {Rule} says {Reason}")]
    private static partial void LogJwtRefused(ILogger log, string method, string path, string rule, string reason);

    [LoggerMessage(5904, LogLevel.Warning, "JWT rule {Rule}: a key of its JWKS is not used: {Problem}")]
    private static partial void LogKeyProblem(ILogger log, string rule, string problem);
}
