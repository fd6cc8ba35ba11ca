using System.Text.RegularExpressions;
using Weft.Api.Model.Extensions;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Extensions;

/// <summary>
/// The checks shared by a WasmPlugin and a TrafficExtension's <c>wasm</c> block: a URL with a
/// scheme Istio can fetch, a well-formed SHA256, names within their limits, VM environment
/// variables that are unique and only carry a value when inline, and traffic selectors on real ports.
/// </summary>
public static partial class WasmModuleRules
{
    /// <summary>The schemes Istio fetches modules with ("" is read as an OCI reference).</summary>
    public static readonly IReadOnlyList<string> Schemes = ["", "http", "https", "oci", "file"];

    public static IEnumerable<FieldError> Url(string path, string? url)
    {
        if (url is null)
        {
            yield return FieldError.Required(path);
            yield break;
        }
        if (Crd.MinLength(path, url, 1) is { } empty)
        {
            yield return empty;
            yield break;
        }
        if (!HasFetchableScheme(url))
            yield return Crd.Rule(path, "string", "url must have schema one of [http, https, file, oci]");
    }

    /// <summary>
    /// The CRD's rule: the URL parses with an allowed scheme, or, read as <c>http://URL</c>, it
    /// parses (a bare <c>registry/image:tag</c> is an OCI reference).
    /// </summary>
    public static bool HasFetchableScheme(string url)
    {
        if (GoUrl.TryParseRequestUri(url, out var scheme, out _))
            return Schemes.Contains(scheme, StringComparer.Ordinal);
        return GoUrl.TryParseRequestUri("http://" + url, out var fallback, out _) && Schemes.Contains(fallback, StringComparer.Ordinal);
    }

    public static FieldError? Sha256(string path, string? sha) => Crd.Pattern(path, sha, Sha256Pattern());

    public static IEnumerable<FieldError> Names(string at, string? imagePullSecret, string? pluginName)
    {
        var secret = FieldPath.Child(at, "imagePullSecret");
        if ((Crd.MinLength(secret, imagePullSecret, 1) ?? Crd.MaxLength(secret, imagePullSecret, 253)) is { } s)
            yield return s;
        var plugin = FieldPath.Child(at, "pluginName");
        if ((Crd.MinLength(plugin, pluginName, 1) ?? Crd.MaxLength(plugin, pluginName, 256)) is { } p)
            yield return p;
    }

    public static IEnumerable<FieldError> Vm(string path, VmConfig? vm)
    {
        if (vm?.Env is not { } env)
            yield break;
        var envPath = FieldPath.Child(path, "env");
        if (Crd.MaxItems(envPath, env.Count, 256) is { } tooMany)
            yield return tooMany;
        for (var i = 0; i < env.Count; i++)
        {
            var at = FieldPath.Index(envPath, i);
            var name = FieldPath.Child(at, "name");
            if ((Crd.Required(name, env[i].Name) ?? Crd.MinLength(name, env[i].Name, 1) ?? Crd.MaxLength(name, env[i].Name, 256)) is { } n)
                yield return n;
            if (Crd.MaxLength(FieldPath.Child(at, "value"), env[i].Value, 2048) is { } v)
                yield return v;
            if (env[i].ValueFrom == EnvValueSource.Host && env[i].Value is not null)
                yield return Crd.Rule(at, "object", "value may only be set when valueFrom is INLINE");
        }
        foreach (var e in Crd.UniqueKeys(envPath, env, "name", x => x.Name))
            yield return e;
    }

    public static IEnumerable<FieldError> Match(string path, IReadOnlyList<TrafficSelector>? match)
    {
        if (match is null)
            yield break;
        for (var i = 0; i < match.Count; i++)
        {
            if (match[i].Ports is not { } ports)
                continue;
            var portsPath = FieldPath.Child(FieldPath.Index(path, i), "ports");
            for (var j = 0; j < ports.Count; j++)
            {
                var number = FieldPath.Child(FieldPath.Index(portsPath, j), "number");
                if ((Crd.Required(number, ports[j].Number) ?? Crd.Minimum(number, ports[j].Number, 1) ?? Crd.Maximum(number, ports[j].Number, 65535)) is { } e)
                    yield return e;
            }
            foreach (var e in Crd.UniqueKeys(portsPath, ports, "number", p => p.Number))
                yield return e;
        }
    }

    [GeneratedRegex("(^$|^[a-f0-9]{64}$)", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
