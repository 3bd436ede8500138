using System.Text.RegularExpressions;

namespace Ledger.Simulators.InPost;

/// <summary>
/// The create-shipment rules Ledger is likely to trip over: receiver contact for lockers, the target
/// point, parcel size and weight. Error keys follow ShipX's (<c>required</c>, <c>invalid</c>…).
/// </summary>
internal static partial class ShipXValidator
{
    public static readonly IReadOnlySet<string> LockerServices = new HashSet<string>(StringComparer.Ordinal)
    {
        "inpost_locker_standard", "inpost_locker_allegro", "inpost_locker_pass_thru", "inpost_letter_allegro",
        "inpost_locker_customer_service_point",
    };

    public static readonly IReadOnlySet<string> CourierServices = new HashSet<string>(StringComparer.Ordinal)
    {
        "inpost_courier_standard", "inpost_courier_c2c", "inpost_courier_express_1000", "inpost_courier_express_1200",
        "inpost_courier_express_1700", "inpost_courier_palette", "inpost_courier_allegro",
    };

    private static readonly HashSet<string> SendingMethods = ["", "parcel_locker", "pok", "pop", "courier_pok", "branch", "dispatch_order"];
    private static readonly HashSet<string> NeedDropoffPoint = ["parcel_locker", "pok", "courier_pok"];
    private static readonly HashSet<string> LockerTemplates = ["small", "medium", "large"];

    /// <summary>Size C (large) compartment, 41 × 38 × 64 cm, sorted, in mm.</summary>
    private static readonly double[] LargestLocker = [640, 410, 380];

    public static Dictionary<string, object> Validate(ShipXShipmentRequest request, InPostOptions options, Func<string, ShipXPoint?> findPoint)
    {
        var errors = new ErrorDetails();
        var service = request.Service ?? "";
        var locker = LockerServices.Contains(service);
        if (service.Length == 0)
        {
            errors.Add("service", "required");
        }
        else if (!locker && !CourierServices.Contains(service))
        {
            errors.Add("service", "invalid");
        }

        if (request.Reference is { Length: > 100 })
        {
            errors.Add("reference", "too_long");
        }

        ValidateReceiver(request.Receiver, locker, options, errors);
        if (locker)
        {
            ValidateTargetPoint(request.CustomAttributes?.TargetPoint, findPoint, errors);
        }

        var sendingMethod = request.CustomAttributes?.SendingMethod;
        if (sendingMethod is not null && !SendingMethods.Contains(sendingMethod))
        {
            errors.Add("custom_attributes", "sending_method", "invalid");
        }
        else if (sendingMethod is not null && NeedDropoffPoint.Contains(sendingMethod)
            && string.IsNullOrEmpty(request.CustomAttributes?.DropoffPoint))
        {
            errors.Add("custom_attributes", "dropoff_point", "required");
        }

        ValidateParcels(request.Parcels, service, locker, options, errors);
        return errors.ToDetails();
    }

    private static void ValidateReceiver(ShipXPeer? receiver, bool locker, InPostOptions options, ErrorDetails errors)
    {
        if (receiver is null)
        {
            errors.Add("receiver", "required");
            return;
        }

        if (string.IsNullOrWhiteSpace(receiver.Email))
        {
            if (locker)
            {
                errors.Add("receiver", "email", "required");
            }
        }
        else if (!EmailPattern().IsMatch(receiver.Email))
        {
            errors.Add("receiver", "email", "invalid");
        }

        if (string.IsNullOrWhiteSpace(receiver.Phone))
        {
            errors.Add("receiver", "phone", "required");
        }
        else
        {
            var phone = receiver.Phone.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var valid = options.Market == InPostMarket.Uk ? UkMobilePattern().IsMatch(phone) : PolishPhonePattern().IsMatch(phone);
            if (!valid)
            {
                errors.Add("receiver", "phone", "invalid");
            }
        }

        if (!locker && (receiver.Address is null || string.IsNullOrWhiteSpace(receiver.Address.PostCode)))
        {
            errors.Add("receiver", "address", "required");
        }
    }

    private static void ValidateTargetPoint(string? name, Func<string, ShipXPoint?> findPoint, ErrorDetails errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("custom_attributes", "target_point", "required");
            return;
        }

        var point = findPoint(name);
        if (point is null)
        {
            errors.Add("custom_attributes", "target_point", "does_not_exist");
        }
        else if (point.Status == ShipXPoint.Disabled)
        {
            // A disabled locker will not reopen; a NonOperating one may, so ShipX is assumed to accept it.
            errors.Add("custom_attributes", "target_point", "inactive");
        }
    }

    private static void ValidateParcels(
        IReadOnlyList<ShipXParcel>? parcels, string service, bool locker, InPostOptions options, ErrorDetails errors)
    {
        if (parcels is null || parcels.Count == 0)
        {
            errors.Add("parcels", "required");
            return;
        }

        if (parcels.Count > 1000)
        {
            errors.Add("parcels", "too_many");
        }

        if (parcels.Count > 1 && parcels.Select(p => p.Id).Distinct().Count() < parcels.Count)
        {
            errors.Add("parcels", "id", "not_unique");
        }

        foreach (var parcel in parcels)
        {
            if (parcel.Template is { } template)
            {
                var allowed = LockerTemplates.Contains(template) || (template == "xlarge" && service == "inpost_courier_c2c");
                if (!allowed)
                {
                    errors.Add("parcels", "template", "invalid");
                }
            }
            else if (parcel.Dimensions is { } size)
            {
                double[] sorted = [.. new[] { size.Length, size.Width, size.Height }.Order().Reverse()];
                if (sorted.Any(d => d <= 0))
                {
                    errors.Add("parcels", "dimensions", "invalid");
                }
                else if (locker && sorted.Zip(LargestLocker).Any(pair => pair.First > pair.Second))
                {
                    errors.Add("parcels", "dimensions", "too_big");
                }
            }
            else if (locker)
            {
                errors.Add("parcels", "template", "required");
            }

            if (parcel.Weight is { } weight && (weight.Amount <= 0 || weight.Amount > options.EffectiveMaxWeightKg))
            {
                errors.Add("parcels", "weight", weight.Amount <= 0 ? "invalid" : "too_heavy");
            }
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(\+447\d{9}|07\d{9})$")]
    private static partial Regex UkMobilePattern();

    [GeneratedRegex(@"^[1-9]\d{8}$")]
    private static partial Regex PolishPhonePattern();

    /// <summary>ShipX nests errors of sub-objects: <c>{"receiver":[{"phone":["invalid"]}]}</c>.</summary>
    private sealed class ErrorDetails
    {
        private readonly Dictionary<string, List<string>> _fields = [];
        private readonly Dictionary<string, Dictionary<string, List<string>>> _nested = [];

        public void Add(string field, string key) => Append(_fields, field, key);

        public void Add(string parent, string field, string key)
        {
            if (!_nested.TryGetValue(parent, out var children))
            {
                _nested[parent] = children = [];
            }

            Append(children, field, key);
        }

        public Dictionary<string, object> ToDetails()
        {
            var details = _fields.ToDictionary(f => f.Key, f => (object)f.Value);
            foreach (var (parent, children) in _nested)
            {
                details[parent] = new[] { children };
            }

            return details;
        }

        private static void Append(Dictionary<string, List<string>> target, string field, string key)
        {
            if (!target.TryGetValue(field, out var keys))
            {
                target[field] = keys = [];
            }

            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }
    }
}
