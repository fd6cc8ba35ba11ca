using Weft.Api.Model.Meta;

namespace Weft.Api.Kinds;

/// <summary>What Weft does with a kind.</summary>
public enum KindSupport
{
    /// <summary>Typed, validated, and acted on (routing, security, telemetry, workloads).</summary>
    Acted,
    /// <summary>Typed and validated, stored, analyzed, but not acted on (EnvoyFilter, WasmPlugin).</summary>
    Validated,
    /// <summary>Stored as written, listed by `weft get`, used by analyzers, never acted on (Deployment, Pod).</summary>
    Stored,
}

/// <summary>The description of one kind: its group, versions, names, scope and CLR type.</summary>
/// <param name="Group">API group; "" for core.</param>
/// <param name="Kind">The kind, as in manifests.</param>
/// <param name="Plural">Lower-case plural, as in REST paths.</param>
/// <param name="Versions">Served versions, the preferred one first.</param>
/// <param name="ShortNames">kubectl short names (vs, dr, ...).</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="ClrType">The type objects bind to.</param>
/// <param name="Support">What Weft does with it.</param>
public sealed record KindInfo(
    string Group,
    string Kind,
    string Plural,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> ShortNames,
    bool Namespaced,
    Type ClrType,
    KindSupport Support)
{
    public string Singular => Kind.ToLowerInvariant();

    public string PreferredVersion => Versions[0];

    public string PreferredApiVersion => ApiVersion(PreferredVersion);

    public string ApiVersion(string version) => Group.Length == 0 ? version : $"{Group}/{version}";

    /// <summary>`kubectl api-resources` style: <c>virtualservices.networking.istio.io</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>A kind that binds to <typeparamref name="T"/>.</summary>
    public static KindInfo Of<T>(string group, string kind, string plural, string[] versions, string[] shortNames,
        bool namespaced = true, KindSupport support = KindSupport.Acted) where T : KubeObject =>
        new(group, kind, plural, versions, shortNames, namespaced, typeof(T), support);

    /// <summary>A kind Weft stores without interpreting.</summary>
    public static KindInfo Stored(string group, string kind, string plural, string[] versions, bool namespaced = true, params string[] shortNames) =>
        new(group, kind, plural, versions, shortNames, namespaced, typeof(GenericObject), KindSupport.Stored);
}
