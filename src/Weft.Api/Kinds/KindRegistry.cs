using System.Collections.Frozen;
using Weft.Api.Binding;
using Weft.Api.Model.Core;
using Weft.Api.Model.Extensions;
using Weft.Api.Model.GatewayApi;
using Weft.Api.Model.Maistra;
using Weft.Api.Model.Networking;
using Weft.Api.Model.Security;
using Weft.Api.Model.Telemetry;
using Weft.Api.Validation;

namespace Weft.Api.Kinds;

/// <summary>
/// Every kind Weft knows, looked up by group and kind (manifests), by plural (REST paths) or by
/// any of kubectl's names (CLI). Kinds it does not know are still accepted and stored, except in
/// the API groups Weft implements, where an unknown kind or version is a mistake worth reporting.
/// </summary>
public sealed class KindRegistry
{
    private readonly FrozenDictionary<(string Group, string Kind), KindInfo> _byKind;
    private readonly FrozenDictionary<(string Group, string Plural), KindInfo> _byPlural;
    private readonly FrozenDictionary<string, KindInfo[]> _byName;
    private readonly FrozenSet<string> _strictGroups;

    public KindRegistry(IEnumerable<KindInfo> kinds, IEnumerable<string> strictGroups)
    {
        All = kinds.ToArray();
        _byKind = All.ToFrozenDictionary(k => (k.Group, k.Kind));
        _byPlural = All.ToFrozenDictionary(k => (k.Group, k.Plural));
        var names = new Dictionary<string, List<KindInfo>>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in All)
        {
            foreach (var n in k.ShortNames.Concat([k.Kind, k.Plural, k.Singular, k.QualifiedPlural, $"{k.Singular}.{k.Group}", $"{k.Kind}.{k.Group}"]).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!names.TryGetValue(n, out var list))
                    names[n] = list = [];
                list.Add(k);
            }
        }
        _byName = names.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _strictGroups = strictGroups.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The kinds built into Weft.</summary>
    public static KindRegistry Default { get; } = new(
        [
            .. CoreKinds.All,
            .. NetworkingKinds.All,
            .. SecurityKinds.All,
            .. TelemetryKinds.All,
            .. ExtensionsKinds.All,
            .. GatewayApiKinds.All,
            .. MaistraKinds.All,
            .. StoredKinds.All,
        ],
        [
            "networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io",
            "gateway.networking.k8s.io", "maistra.io",
        ]);

    public IReadOnlyList<KindInfo> All { get; }

    public KindInfo? Find(string group, string kind) => _byKind.GetValueOrDefault((group, kind));

    public KindInfo? FindByPlural(string group, string plural) => _byPlural.GetValueOrDefault((group, plural));

    /// <summary>
    /// Finds kinds by any name kubectl accepts: short name, kind, singular, plural, or
    /// <c>plural.group</c>. Several kinds can share a name (Istio's Gateway and the Gateway API's);
    /// Istio's comes first, as istioctl resolves it, and <c>gateways.gateway.networking.k8s.io</c> picks the other.
    /// </summary>
    public IReadOnlyList<KindInfo> FindByName(string name) => _byName.TryGetValue(name, out var k) ? k : [];

    /// <summary>
    /// The kind of a manifest. A kind in an implemented group with an unknown kind or version is an
    /// error that names the closest match; any other unknown kind is accepted as a stored kind.
    /// </summary>
    public KindInfo? Resolve(string apiVersion, string kind, out FieldError? error)
    {
        error = null;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        if (version.Length == 0 || apiVersion.Count(c => c == '/') > 1)
        {
            error = FieldError.Invalid("apiVersion", apiVersion, "must be VERSION or GROUP/VERSION");
            return null;
        }
        if (Find(group, kind) is { } known)
        {
            if (known.Versions.Contains(version, StringComparer.Ordinal) || known.Support == KindSupport.Stored)
                return known;
            error = FieldError.NotSupported("apiVersion", apiVersion, known.Versions.Select(known.ApiVersion));
            return null;
        }
        if (_strictGroups.Contains(group))
        {
            var inGroup = All.Where(k => k.Group == group).Select(k => k.Kind).ToArray();
            var guess = Suggest.Closest(kind, inGroup);
            error = new FieldError("kind", FieldErrorKind.NotSupported,
                $"Unsupported value: \"{kind}\": no kind \"{kind}\" in {apiVersion}" + (guess is null ? "" : $"; did you mean \"{guess}\"?"));
            return null;
        }
        return Synthesize(group, version, kind);
    }

    /// <summary>A description for a kind Weft has never heard of, so it can still be stored and listed.</summary>
    public static KindInfo Synthesize(string group, string version, string kind) =>
        KindInfo.Stored(group, kind, Pluralize(kind.ToLowerInvariant()), [version], namespaced: !ClusterScopedKinds.Contains(kind));

    // Kinds commonly found in manifests that live outside namespaces.
    private static readonly FrozenSet<string> ClusterScopedKinds = new[]
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "StorageClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "PriorityClass",
        "APIService", "IngressClass", "RuntimeClass", "CSIDriver", "ClusterIssuer", "SecurityContextConstraints",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>English plurals as Kubernetes forms them for CRDs without an explicit plural.</summary>
    public static string Pluralize(string singular)
    {
        if (singular.EndsWith('s') || singular.EndsWith('x') || singular.EndsWith("ch", StringComparison.Ordinal) || singular.EndsWith("sh", StringComparison.Ordinal))
            return singular + "es";
        if (singular.EndsWith('y') && singular.Length > 1 && !"aeiou".Contains(singular[^2], StringComparison.Ordinal))
            return singular[..^1] + "ies";
        return singular + "s";
    }
}
