using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Core;

/// <summary>
/// core/v1 Secret: certificates and keys (<c>kubernetes.io/tls</c>: tls.crt, tls.key, ca.crt),
/// credentials, tokens. <see cref="Data"/> holds base64 text as written; <see cref="StringData"/>
/// plain text that the API server merges into data.
/// </summary>
[WireNullsAreAbsent]
public sealed record Secret : KubeObject
{
    public bool? Immutable { get; init; }

    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>Defaults to <c>Opaque</c>.</summary>
    public string? Type { get; init; }

    public string TypeOrDefault => string.IsNullOrEmpty(Type) ? SecretTypes.Opaque : Type;

    /// <summary>The decoded value of a key, from stringData (which wins, as in Kubernetes) or data; null when absent or not base64.</summary>
    public byte[]? Value(string key)
    {
        if (StringData is not null && StringData.TryGetValue(key, out var text))
            return System.Text.Encoding.UTF8.GetBytes(text);
        if (Data is null || !Data.TryGetValue(key, out var encoded))
            return null;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public bool Has(string key) => (Data?.ContainsKey(key) ?? false) || (StringData?.ContainsKey(key) ?? false);
}

/// <summary>The secret types Kubernetes gives rules to.</summary>
public static class SecretTypes
{
    public const string Opaque = "Opaque";
    public const string ServiceAccountToken = "kubernetes.io/service-account-token";
    public const string Dockercfg = "kubernetes.io/dockercfg";
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";
    public const string BasicAuth = "kubernetes.io/basic-auth";
    public const string SshAuth = "kubernetes.io/ssh-auth";
    public const string Tls = "kubernetes.io/tls";
    public const string BootstrapToken = "bootstrap.kubernetes.io/token";

    public const string TlsCertKey = "tls.crt";
    public const string TlsPrivateKeyKey = "tls.key";
}
