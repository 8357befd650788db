// The compact form of an AWS service model that scripts/generate-model.ts writes.
export interface ShapeModel {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | string;
  members?: Record<string, string>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}

export interface OperationModel {
  input?: string;
  output?: string;
  wrapper?: string;
  errors: string[];
}

export interface ErrorModel {
  code: string;
  status: number;
  sender: boolean;
}

export interface ServiceModel {
  service: string;
  version: string;
  namespace: string;
  signingName: string;
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
  errors: Record<string, ErrorModel>;
}
