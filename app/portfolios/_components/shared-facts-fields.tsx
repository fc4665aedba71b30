import { Field, inputClass } from "@/app/_components/ui/field";

type Fact = "losingRegistrar" | "gainingRegistrar" | "currentDnsOperator" | "futureDnsOperator";
type FieldName = Fact | "dnsHostingMoves" | "newNameServers";

const FACTS: readonly (readonly [Fact, string])[] = [
  ["losingRegistrar", "Losing registrar"],
  ["gainingRegistrar", "Gaining registrar"],
  ["currentDnsOperator", "Current DNS operator"],
  ["futureDnsOperator", "Future DNS operator"],
];

/**
 * The facts a portfolio shares with its members — registrars, operators, whether DNS hosting moves, the new
 * operator's name servers — as the new-portfolio form asks them and the portfolio page edits them. An empty
 * answer leaves each member's own (`empty` names that choice).
 */
export function SharedFactsFields(props: {
  /** Prefix of the inputs' ids and of the hosting radios' test ids. */
  idPrefix: string;
  values: Partial<Record<FieldName, string>>;
  errors?: Partial<Record<FieldName, string>>;
  placeholder?: string;
  /** The hosting question's answers for every member, and the empty one. */
  hosting: { yes: string; no: string; empty: { label: string; testId: string } };
  nameServersHint: string;
}) {
  const { idPrefix: p, values, errors = {} } = props;
  const choices = [
    ["yes", props.hosting.yes, "yes"],
    ["no", props.hosting.no, "no"],
    ["", props.hosting.empty.label, props.hosting.empty.testId],
  ] as const;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        {FACTS.map(([name, label]) => (
          <Field key={name} label={label} htmlFor={`${p}${name}`} error={errors[name]}>
            <input
              id={`${p}${name}`}
              name={name}
              className={inputClass}
              defaultValue={values[name]}
              placeholder={props.placeholder}
            />
          </Field>
        ))}
      </div>
      <fieldset className="flex flex-wrap gap-6 text-sm" data-testid="dns-hosting-question">
        <legend className="mb-1 text-sm font-medium">Does DNS hosting move to the gaining side?</legend>
        {choices.map(([value, label, testId]) => (
          <label key={testId} className="flex items-center gap-2">
            <input
              type="radio"
              name="dnsHostingMoves"
              value={value}
              defaultChecked={(values.dnsHostingMoves ?? "") === value}
              data-testid={`${p}dns-moves-${testId}`}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <Field
        label="New operator's name servers"
        htmlFor={`${p}newNameServers`}
        error={errors.newNameServers}
        hint={props.nameServersHint}
      >
        <textarea
          id={`${p}newNameServers`}
          name="newNameServers"
          rows={2}
          className={`${inputClass} font-mono`}
          defaultValue={values.newNameServers}
        />
      </Field>
    </>
  );
}
