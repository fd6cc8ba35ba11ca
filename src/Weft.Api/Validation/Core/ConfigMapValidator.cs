using Weft.Api.Model.Core;

namespace Weft.Api.Validation.Core;

/// <summary>
/// core/v1 ConfigMap as Kubernetes validates it (ValidateConfigMap): keys are valid file names and
/// appear in data or binaryData, not both; binaryData is base64; the total is at most 1 MiB.
/// </summary>
public sealed class ConfigMapValidator : KindValidator<ConfigMap>
{
    public override IEnumerable<FieldError> Validate(ConfigMap obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        long total = 0;
        if (obj.Data is { } data)
        {
            foreach (var (key, value) in data)
            {
                e.AddRange(CoreRules.ConfigKey(FieldPath.Key("data", key), key));
                total += System.Text.Encoding.UTF8.GetByteCount(value);
            }
        }
        if (obj.BinaryData is { } binary)
        {
            foreach (var (key, value) in binary)
            {
                var path = FieldPath.Key("binaryData", key);
                e.AddRange(CoreRules.ConfigKey(path, key));
                if (obj.Data?.ContainsKey(key) ?? false)
                    e.Add(FieldError.Invalid("binaryData", key, "duplicate of key present in data"));
                if (CoreRules.TryDecodeBase64(value, out var length, out var error))
                    total += length;
                else
                    e.Add(FieldError.InvalidNoValue(path, error!));
            }
        }
        if (total > CoreRules.MaxDataSize)
            e.Add(FieldError.TooLong("data", CoreRules.MaxDataSize));
        return e;
    }
}
