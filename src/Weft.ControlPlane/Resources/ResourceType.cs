using Weft.Api.Kinds;

namespace Weft.ControlPlane.Resources;

/// <summary>
/// What a REST path names: a group, a version, a plural, and its scope. <see cref="Info"/> is the
/// registry's description, or null for a plural Weft has never heard of (objects of unknown kinds
/// are still stored and read under the plural the registry would synthesize for them).
/// </summary>
public sealed record ResourceType(string Group, string Version, string Plural, bool Namespaced, KindInfo? Info)
{
    /// <summary><c>virtualservices.networking.istio.io</c>, or just the plural in the core group.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Typed kinds share one schema across versions, so they are shown in the version asked for.</summary>
    public bool ConvertsVersion => Info is not null && Info.Support != KindSupport.Stored;

    public static ResourceType Of(KindInfo info, string? version = null) =>
        new(info.Group, version ?? info.PreferredVersion, info.Plural, info.Namespaced, info);

    /// <summary>Details as Kubernetes gives them for NotFound, AlreadyExists and Conflict: the kind is the plural.</summary>
    public StatusDetails Details(string name, IReadOnlyList<StatusCause>? causes = null) => new(name, Group, Plural, causes ?? []);
}
