using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// BackendTLSPolicy: its targets (sections told apart when a target repeats), and how the backend
/// is verified: either CA certificates or the well-known set, an SNI host name, typed SANs.
/// </summary>
public sealed class BackendTLSPolicyValidator : KindValidator<BackendTLSPolicy>
{
    public override IEnumerable<FieldError> Validate(BackendTLSPolicy obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        Targets(e, "spec.targetRefs", spec.TargetRefs);
        if (spec.Validation is { } validation)
            Validation(e, "spec.validation", validation);
        else
            e.Add(OpenApi.Required("spec.validation"));
        TlsOptions(e, "spec.options", spec.Options);
        return e;
    }

    private static void Targets(List<FieldError> e, string at, IReadOnlyList<LocalPolicyTargetReferenceWithSectionName>? targets)
    {
        if (targets is null)
        {
            e.Add(OpenApi.Required(at));
            return;
        }
        e.AddIf(OpenApi.Items(at, targets.Count, 1, 16));
        for (var i = 0; i < targets.Count; i++)
        {
            var path = FieldPath.Index(at, i);
            Require(e, FieldPath.Child(path, "group"), targets[i].Group, Group);
            Require(e, FieldPath.Child(path, "kind"), targets[i].Kind, Kind);
            Require(e, FieldPath.Child(path, "name"), targets[i].Name, ObjectName);
            e.AddIf(SectionName(FieldPath.Child(path, "sectionName"), targets[i].SectionName));
        }
        static bool Same(LocalPolicyTargetReferenceWithSectionName a, LocalPolicyTargetReferenceWithSectionName b) =>
            a.Group == b.Group && a.Kind == b.Kind && a.Name == b.Name;
        if (targets.Any(t1 => targets.Any(t2 => Same(t1, t2) && string.IsNullOrEmpty(t1.SectionName) != string.IsNullOrEmpty(t2.SectionName))))
            e.Add(OpenApi.Rule(at, "array", "sectionName must be specified when targetRefs includes 2 or more references to the same target"));
        if (targets.Any(t1 => targets.Count(t2 => Same(t1, t2) && (t1.SectionName ?? "") == (t2.SectionName ?? "")) != 1))
            e.Add(OpenApi.Rule(at, "array", "sectionName must be unique when targetRefs includes 2 or more references to the same target"));
    }

    private static void Validation(List<FieldError> e, string at, BackendTLSPolicyValidation v)
    {
        if (v.CaCertificateRefs is { } refs)
        {
            var path = FieldPath.Child(at, "caCertificateRefs");
            e.AddIf(OpenApi.Items(path, refs.Count, maxItems: 8));
            for (var i = 0; i < refs.Count; i++)
                References.Local(e, FieldPath.Index(path, i), refs[i]);
        }
        e.AddIf(OpenApi.String(FieldPath.Child(at, "wellKnownCACertificates"), v.WellKnownCACertificates, 1, 253, GatewayApiPatterns.WellKnownCACertificates));
        Require(e, FieldPath.Child(at, "hostname"), v.Hostname, PreciseHostname);
        if (v.SubjectAltNames is { } sans)
        {
            var path = FieldPath.Child(at, "subjectAltNames");
            e.AddIf(OpenApi.Items(path, sans.Count, maxItems: 5));
            for (var i = 0; i < sans.Count; i++)
                SubjectAltName(e, FieldPath.Index(path, i), sans[i]);
        }
        var hasRefs = v.CaCertificateRefs is { Count: > 0 };
        var hasWellKnown = !string.IsNullOrEmpty(v.WellKnownCACertificates);
        if (hasRefs && hasWellKnown)
            e.Add(OpenApi.Rule(at, "object", "must not contain both CACertificateRefs and WellKnownCACertificates"));
        if (!hasRefs && !hasWellKnown)
            e.Add(OpenApi.Rule(at, "object", "must specify either CACertificateRefs or WellKnownCACertificates"));
    }

    private static void SubjectAltName(List<FieldError> e, string at, SubjectAltName san)
    {
        if (san.Type is null)
            e.Add(OpenApi.Required(FieldPath.Child(at, "type")));
        e.AddIf(Hostname(FieldPath.Child(at, "hostname"), san.Hostname));
        e.AddIf(OpenApi.String(FieldPath.Child(at, "uri"), san.Uri, 1, 253, GatewayApiPatterns.AbsoluteUri));
        if (san.Type is not { } type)
            return;
        var hasHostname = !string.IsNullOrEmpty(san.Hostname);
        var hasUri = !string.IsNullOrEmpty(san.Uri);
        if (type == SubjectAltNameType.Hostname && !hasHostname)
            e.Add(OpenApi.Rule(at, "object", "SubjectAltName element must contain Hostname, if Type is set to Hostname"));
        if (type != SubjectAltNameType.Hostname && hasHostname)
            e.Add(OpenApi.Rule(at, "object", "SubjectAltName element must not contain Hostname, if Type is not set to Hostname"));
        if (type == SubjectAltNameType.URI && !hasUri)
            e.Add(OpenApi.Rule(at, "object", "SubjectAltName element must contain URI, if Type is set to URI"));
        if (type != SubjectAltNameType.URI && hasUri)
            e.Add(OpenApi.Rule(at, "object", "SubjectAltName element must not contain URI, if Type is not set to URI"));
    }
}
