export type Role = 'USER' | 'ADMIN';

export interface User {
  email: string;
  display_name: string;
  roles: Role[];
}

export interface Credentials {
  email: string;
  password: string;
}
