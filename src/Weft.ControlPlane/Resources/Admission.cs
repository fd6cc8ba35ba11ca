using System.Text.Json.Nodes;
using Weft.Api.Kinds;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.ControlPlane.Resources;

/// <summary>What admission found: the object's kind (when it resolves) and every error.</summary>
public sealed record Admitted(KindInfo? Kind, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => Kind is not null && Errors.Count == 0;
}

/// <summary>
/// Admission of a written object: the same path as <c>weft apply</c> takes on the client (the
/// manifest loader binds the object to its kind's type, reporting schema errors: shapes, types,
/// unknown fields, unknown kinds and versions), then the kind's semantic validators. Every error
/// is reported, with paths relative to the object.
/// </summary>
public sealed class Admission(KindRegistry registry, Func<ValidationContext> validation, Func<KubeObject, IEnumerable<FieldError>>? crossChecks = null)
{
    public Admission(KindRegistry registry, ValidationContext validation)
        : this(registry, () => validation)
    {
    }

    public KindRegistry Registry => registry;

    /// <summary>The kind of a body, from its apiVersion and kind (synthesized for kinds Weft does not know).</summary>
    public KindInfo? Resolve(JsonObject body, out FieldError? error)
    {
        var apiVersion = StoredObjects.String(body, "apiVersion");
        var kind = StoredObjects.String(body, "kind");
        if (string.IsNullOrEmpty(kind))
        {
            error = FieldError.Required("kind", "every object names its kind");
            return null;
        }
        if (string.IsNullOrEmpty(apiVersion))
        {
            error = FieldError.Required("apiVersion", "every object names its apiVersion");
            return null;
        }
        return registry.Resolve(apiVersion, kind, out error);
    }

    /// <summary>Schema and semantic errors of one object, which the caller has completed (namespace, name).</summary>
    public Admitted Admit(JsonObject obj)
    {
        var kind = Resolve(obj, out var kindError);
        if (kind is null)
            return new Admitted(null, [kindError!]);
        var errors = new List<FieldError>();
        // JSON is YAML: the loader reads the body as it reads a manifest file.
        var load = ManifestLoader.Load(obj.ToJsonString(), "request", registry);
        errors.AddRange(load.Errors.Select(d => d.Error));
        if (load.Ok && load.Objects.Count == 1)
        {
            errors.AddRange(Validators.Validate(load.Objects[0].Object, load.Objects[0].Kind, validation()));
            // Checks that depend on the control plane's state (the mesh ConfigMap must load as MeshConfig).
            if (crossChecks is not null)
                errors.AddRange(crossChecks(load.Objects[0].Object));
        }
        else if (load.Ok)
            errors.Add(FieldError.Invalid("kind", kind.Kind, $"is a list of {load.Objects.Count} objects; send each object on its own or use the apply endpoint"));
        if (NameError(StoredObjects.Name(obj)) is { } nameError && !errors.Any(e => e.Path == "metadata.name"))
            errors.Add(nameError);
        return new Admitted(kind, errors);
    }

    /// <summary>
    /// Names become a path segment and a store key segment, so every kind's name obeys Kubernetes'
    /// path segment rule, also kinds whose names are otherwise free.
    /// </summary>
    public static FieldError? NameError(string name)
    {
        if (name.Length == 0)
            return null;
        if (name is "." or "..")
            return FieldError.Invalid("metadata.name", name, $"may not be '{name}'");
        foreach (var bad in (ReadOnlySpan<string>)["/", "%"])
            if (name.Contains(bad, StringComparison.Ordinal))
                return FieldError.Invalid("metadata.name", name, $"may not contain '{bad}'");
        return null;
    }
}
