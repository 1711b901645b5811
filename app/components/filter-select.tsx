/** A labelled select in a GET filter form; `empty` is the label of the "no filter" choice, if any. */
export function FilterSelect({
  name,
  label,
  options,
  defaultValue,
  empty,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue: string;
  empty?: string;
}) {
  return (
    <>
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={defaultValue}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
