using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>Header changes of a route or destination: names each operation may touch, and values Envoy can format.</summary>
internal static class HeaderOperationRules
{
    public static void Check(ErrorList errors, string path, Headers? headers)
    {
        if (headers is null)
            return;
        Operations(errors, FieldPath.Child(path, "request"), headers.Request, HeaderRules.CheckRequestSetName);
        Operations(errors, FieldPath.Child(path, "response"), headers.Response, HeaderRules.CheckOperationName);
    }

    private static void Operations(ErrorList errors, string path, HeaderOperations? ops, Func<string, string?> setNameRule)
    {
        if (ops is null)
            return;
        SetOrAdd(errors, FieldPath.Child(path, "set"), ops.Set, setNameRule);
        SetOrAdd(errors, FieldPath.Child(path, "add"), ops.Add, setNameRule);
        if (ops.Remove is { } remove)
        {
            for (var i = 0; i < remove.Count; i++)
                if (HeaderRules.CheckOperationName(remove[i]) is { } reason)
                    errors.Invalid(FieldPath.Index(FieldPath.Child(path, "remove"), i), remove[i], reason);
        }
    }

    private static void SetOrAdd(ErrorList errors, string path, IReadOnlyDictionary<string, string>? headers, Func<string, string?> nameRule)
    {
        if (headers is null)
            return;
        foreach (var (name, value) in headers)
        {
            var at = FieldPath.Key(path, name);
            if (nameRule(name) is { } nameReason)
                errors.Invalid(at, name, nameReason);
            if (HeaderRules.CheckValue(value) is { } valueReason)
                errors.Invalid(at, value, valueReason);
        }
    }
}
