using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>The reference types shared by every kind: parents, backends, secrets, local and policy targets.</summary>
internal static class References
{
    public static void Parent(List<FieldError> e, string at, ParentReference p)
    {
        e.AddIf(Group(FieldPath.Child(at, "group"), p.Group));
        e.AddIf(Kind(FieldPath.Child(at, "kind"), p.Kind));
        e.AddIf(Namespace(FieldPath.Child(at, "namespace"), p.Namespace));
        Require(e, FieldPath.Child(at, "name"), p.Name, ObjectName);
        e.AddIf(SectionName(FieldPath.Child(at, "sectionName"), p.SectionName));
        e.AddIf(Port(FieldPath.Child(at, "port"), p.Port));
    }

    /// <summary>A route's parentRefs: at most 32, and two references to one parent must tell their sections apart.</summary>
    public static void Parents(List<FieldError> e, string at, IReadOnlyList<ParentReference>? parents)
    {
        if (parents is null)
            return;
        e.AddIf(OpenApi.Items(at, parents.Count, maxItems: 32));
        for (var i = 0; i < parents.Count; i++)
            Parent(e, FieldPath.Index(at, i), parents[i]);

        // The CRD's two rules compare every pair with defaults applied (group, kind); namespace
        // and sectionName compare "absent" and "empty" alike.
        static bool SameParent(ParentReference a, ParentReference b) =>
            a.GroupOrDefault == b.GroupOrDefault && a.KindOrDefault == b.KindOrDefault && a.Name == b.Name
            && (a.Namespace ?? "") == (b.Namespace ?? "");
        var sectionsMixed = false;
        var sectionsRepeated = false;
        foreach (var p1 in parents)
        {
            var twins = 0;
            foreach (var p2 in parents)
            {
                if (!SameParent(p1, p2))
                    continue;
                if (string.IsNullOrEmpty(p1.SectionName) != string.IsNullOrEmpty(p2.SectionName))
                    sectionsMixed = true;
                if ((p1.SectionName ?? "") == (p2.SectionName ?? ""))
                    twins++;
            }
            if (twins != 1)
                sectionsRepeated = true;
        }
        if (sectionsMixed)
            e.Add(OpenApi.Rule(at, "array", "sectionName must be specified when parentRefs includes 2 or more references to the same parent"));
        if (sectionsRepeated)
            e.Add(OpenApi.Rule(at, "array", "sectionName must be unique when parentRefs includes 2 or more references to the same parent"));
    }

    /// <summary>A backend (Service by default, which then needs a port), with its weight when it has one.</summary>
    public static void Backend(List<FieldError> e, string at, IBackendObjectReference b)
    {
        e.AddIf(Group(FieldPath.Child(at, "group"), b.Group));
        e.AddIf(Kind(FieldPath.Child(at, "kind"), b.Kind));
        Require(e, FieldPath.Child(at, "name"), b.Name, ObjectName);
        e.AddIf(Namespace(FieldPath.Child(at, "namespace"), b.Namespace));
        e.AddIf(Port(FieldPath.Child(at, "port"), b.Port));
        if (b is IBackendRef weighted)
            e.AddIf(Weight(FieldPath.Child(at, "weight"), weighted.Weight));
        if ((b.Group ?? "").Length == 0 && (b.Kind ?? "Service") == "Service" && b.Port is null)
            e.Add(OpenApi.Rule(at, "object", "Must have port for Service reference"));
    }

    /// <summary>The backendRefs of a rule: at most 16 (and at least <paramref name="minItems"/>).</summary>
    public static void Backends<T>(List<FieldError> e, string at, IReadOnlyList<T>? backends, int? minItems = null, Action<List<FieldError>, string, T>? more = null)
        where T : IBackendRef
    {
        if (backends is null)
            return;
        e.AddIf(OpenApi.Items(at, backends.Count, minItems, 16));
        for (var i = 0; i < backends.Count; i++)
        {
            var path = FieldPath.Index(at, i);
            Backend(e, path, backends[i]);
            more?.Invoke(e, path, backends[i]);
        }
    }

    public static void Secret(List<FieldError> e, string at, SecretObjectReference r)
    {
        e.AddIf(Group(FieldPath.Child(at, "group"), r.Group));
        e.AddIf(Kind(FieldPath.Child(at, "kind"), r.Kind));
        Require(e, FieldPath.Child(at, "name"), r.Name, ObjectName);
        e.AddIf(Namespace(FieldPath.Child(at, "namespace"), r.Namespace));
    }

    public static void Object(List<FieldError> e, string at, ObjectReference r)
    {
        Require(e, FieldPath.Child(at, "group"), r.Group, Group);
        Require(e, FieldPath.Child(at, "kind"), r.Kind, Kind);
        Require(e, FieldPath.Child(at, "name"), r.Name, ObjectName);
        e.AddIf(Namespace(FieldPath.Child(at, "namespace"), r.Namespace));
    }

    public static void Local(List<FieldError> e, string at, LocalObjectReference r)
    {
        Require(e, FieldPath.Child(at, "group"), r.Group, Group);
        Require(e, FieldPath.Child(at, "kind"), r.Kind, Kind);
        Require(e, FieldPath.Child(at, "name"), r.Name, ObjectName);
    }

    public static void Parameters(List<FieldError> e, string at, ParametersReference r)
    {
        Require(e, FieldPath.Child(at, "group"), r.Group, Group);
        Require(e, FieldPath.Child(at, "kind"), r.Kind, Kind);
        Require(e, FieldPath.Child(at, "name"), r.Name, ObjectName);
        e.AddIf(Namespace(FieldPath.Child(at, "namespace"), r.Namespace));
    }

    public static void LocalParameters(List<FieldError> e, string at, LocalParametersReference r)
    {
        Require(e, FieldPath.Child(at, "group"), r.Group, Group);
        Require(e, FieldPath.Child(at, "kind"), r.Kind, Kind);
        Require(e, FieldPath.Child(at, "name"), r.Name, ObjectName);
    }

    public static void RouteKind(List<FieldError> e, string at, RouteGroupKind r)
    {
        e.AddIf(Group(FieldPath.Child(at, "group"), r.Group));
        Require(e, FieldPath.Child(at, "kind"), r.Kind, Kind);
    }

    /// <summary>Hostnames of an HTTPRoute or GRPCRoute: at most 16, each a host name that may start with <c>*.</c>.</summary>
    public static void Hostnames(List<FieldError> e, string at, IReadOnlyList<string>? hostnames, int maxItems = 16)
    {
        if (hostnames is null)
            return;
        e.AddIf(OpenApi.Items(at, hostnames.Count, maxItems: maxItems));
        for (var i = 0; i < hostnames.Count; i++)
            e.AddIf(Hostname(FieldPath.Index(at, i), hostnames[i]));
    }
}
