import Select from '@atlaskit/select';

export interface FieldSelectProps {
  inputId: string;
  options: string[];
  value: string | null;
  onChange: (value: string | null) => void;
  isInvalid: boolean;
  describedBy?: string;
}

interface Option {
  label: string;
  value: string;
}

/** A Select over a field's allowed values (by name). Its own chunk: react-select is large. */
export default function FieldSelect({ inputId, options, value, onChange, isInvalid, describedBy }: FieldSelectProps) {
  return (
    <Select<Option>
      inputId={inputId}
      options={options.map((name) => ({ label: name, value: name }))}
      value={value === null ? null : { label: value, value }}
      onChange={(option) => onChange(option?.value ?? null)}
      isInvalid={isInvalid}
      aria-describedby={describedBy}
      placeholder="Choose a value"
      menuPlacement="auto"
    />
  );
}
