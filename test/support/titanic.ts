/** The Titanic notebook's cleaning, step for step with the same Arquero verbs, for the tests. */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";

type Row = Record<string, number>;

export function oneHotColumns(table: ColumnTable, column: string): ColumnTable {
  const values = table.groupby(column).count().orderby(column).array(column) as (string | number)[];
  const columns = Object.fromEntries(
    values.map((value) => [
      `${column}_${value}`,
      `d => d.${column} === ${JSON.stringify(value)} ? 1 : 0`,
    ]),
  );
  return table.derive(columns).select(aq.not(column));
}

export function cleanTitanic(raw: ColumnTable): ColumnTable {
  let df = raw.select(aq.not("PassengerId", "Name", "Ticket", "Cabin"));
  df = df.impute({
    Age: (d: Row) => aq.op.median(d.Age),
    Embarked: (d: Row) => aq.op.mode(d.Embarked),
  });
  for (const column of ["Pclass", "Sex", "SibSp", "Parch", "Embarked"]) {
    df = oneHotColumns(df, column);
  }
  return df.derive({
    Age: (d: Row) => (d.Age - aq.op.min(d.Age)) / (aq.op.max(d.Age) - aq.op.min(d.Age)),
    Fare: (d: Row) => (d.Fare - aq.op.min(d.Fare)) / (aq.op.max(d.Fare) - aq.op.min(d.Fare)),
  });
}

/** X (every column but Survived) and y (Survived, one column), as the notebook builds them. */
export function inputsAndLabels(df: ColumnTable): {
  X: number[][];
  y: number[][];
  names: string[];
} {
  const names = df.columnNames().filter((name) => name !== "Survived");
  const rows = df.select(names).objects() as Record<string, number>[];
  const X = rows.map((row) => names.map((name) => row[name]));
  const y = (df.array("Survived") as number[]).map((label) => [label]);
  return { X, y, names };
}
