using System.Collections.Frozen;
using Weft.Api.Kinds;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Validation.Core;
using Weft.Api.Validation.Extensions;
using Weft.Api.Validation.GatewayApi;
using Weft.Api.Validation.Maistra;
using Weft.Api.Validation.Networking;
using Weft.Api.Validation.Security;
using Weft.Api.Validation.Telemetry;

namespace Weft.Api.Validation;

/// <summary>
/// Runs the semantic rules: object metadata for every kind, then the kind's own validator.
/// Reports every problem of every object, so a user fixes a file in one pass.
/// </summary>
public static class Validators
{
    private static readonly FrozenDictionary<Type, IKindValidator> ByType = new IEnumerable<IKindValidator>[]
    {
        CoreValidation.All,
        NetworkingValidation.All,
        SecurityValidation.All,
        TelemetryValidation.All,
        ExtensionsValidation.All,
        GatewayApiValidation.All,
        MaistraValidation.All,
    }.SelectMany(v => v).ToFrozenDictionary(v => v.ObjectType);

    public static IReadOnlyList<FieldError> Validate(KubeObject obj, KindInfo kind, ValidationContext? ctx = null)
    {
        ctx ??= ValidationContext.Default;
        var errors = new List<FieldError>();
        errors.AddRange(ValidateMetadata(obj, kind));
        if (ByType.TryGetValue(obj.GetType(), out var validator))
            errors.AddRange(validator.Validate(obj, ctx));
        return errors;
    }

    /// <summary>Validates loaded objects and places every error in its source.</summary>
    public static IReadOnlyList<Diagnostic> Validate(IEnumerable<LoadedObject> objects, ValidationContext? ctx = null)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var o in objects)
            foreach (var e in Validate(o.Object, o.Kind, ctx))
                diagnostics.Add(o.Locate(e));
        return diagnostics;
    }

    /// <summary>Whether the kind has semantic rules beyond its schema.</summary>
    public static bool HasValidator(Type type) => ByType.ContainsKey(type);

    private static IEnumerable<FieldError> ValidateMetadata(KubeObject obj, KindInfo kind)
    {
        var meta = obj.Metadata;
        if (string.IsNullOrEmpty(meta.Name))
        {
            if (string.IsNullOrEmpty(meta.GenerateName))
                yield return FieldError.Required("metadata.name", "name or generateName is required");
        }
        else if (NameRule(kind)("metadata.name", meta.Name) is { } nameError)
        {
            yield return nameError;
        }
        if (!string.IsNullOrEmpty(meta.Namespace) && kind.Namespaced && Rules.Dns1123Label("metadata.namespace", meta.Namespace) is { } nsError)
            yield return nsError;
        foreach (var e in Rules.Labels("metadata.labels", meta.Labels))
            yield return e;
        if (meta.Annotations is not null)
        {
            long total = 0;
            foreach (var (k, v) in meta.Annotations)
            {
                if (Rules.QualifiedName("metadata.annotations", k) is { } keyError)
                    yield return keyError;
                total += k.Length + v.Length;
            }
            if (total > 256 * 1024)
                yield return FieldError.TooLong("metadata.annotations", 256 * 1024);
        }
    }

    // Services and Namespaces have stricter names than other kinds, as in Kubernetes.
    private static Func<string, string?, FieldError?> NameRule(KindInfo kind) => (kind.Group, kind.Kind) switch
    {
        ("", "Service") => Rules.Dns1035Label,
        ("", "Namespace") => Rules.Dns1123Label,
        _ when kind.Support == KindSupport.Stored => (_, _) => null,
        _ => Rules.Dns1123Subdomain,
    };
}
