using Weft.Samples.Hosting;

namespace Weft.Samples.Bookinfo;

/// <summary>Settings every Bookinfo service reads the same way.</summary>
public static class BookinfoEnvironment
{
    /// <summary>The version is SERVICE_VERSION (CURRENT_VERSION also works), v1 when unset: one binary serves v1, v2 and v3.</summary>
    public static Instance Instance(EnvReader env, string service) => new(
        service, env.Version("v1", bookinfoFirst: true));

    /// <summary>
    /// Where another Bookinfo service is: <c>&lt;NAME&gt;_SERVICE</c> as a full URL (as the travel
    /// demo wires its services), else Istio's own variables:
    /// <c>http://&lt;NAME&gt;_HOSTNAME[.SERVICES_DOMAIN]:&lt;NAME&gt;_SERVICE_PORT</c>, defaults <c>name</c> and 9080.
    /// </summary>
    public static string ServiceUrl(EnvReader env, string service)
    {
        var upper = service.ToUpperInvariant();
        if (env.Text($"{upper}_SERVICE") is not null)
            return env.BaseUrl($"{upper}_SERVICE", $"http://{service}:9080");
        var domain = env.Text("SERVICES_DOMAIN") is { } d ? "." + d : "";
        var host = env.Text($"{upper}_HOSTNAME", service);
        var port = env.Int($"{upper}_SERVICE_PORT", 9080, 1, 65535);
        var url = $"http://{host}{domain}:{port}";
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            env.Fail($"{upper}_HOSTNAME={host}, SERVICES_DOMAIN={env.Text("SERVICES_DOMAIN")}: {url} is not a valid URL");
        return url;
    }
}
